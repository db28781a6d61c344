import { describe, expect, it } from 'vitest';
import {
  trayIconFile,
  trayIconState,
  trayIconVariant,
  trayTitle,
  trayTooltip,
} from '../../../src/main/tray/tray-state';
import { makeSnapshot, makeTaskView } from '../snapshot-fixtures';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

describe('tray icon state', () => {
  it('is idle when nothing runs and nothing is unseen', () => {
    expect(trayIconState(makeSnapshot({ tasks: [makeTaskView({ state: 'done' })] }))).toBe('idle');
  });

  it('is running while a task waits or generates', () => {
    expect(trayIconState(makeSnapshot({ tasks: [makeTaskView({ state: 'generating' })] }))).toBe('running');
  });

  it('asks for attention when a finished task has not been looked at, even with others running', () => {
    const tasks = [makeTaskView({ state: 'generating' }), makeTaskView({ state: 'failed', unseen: true })];
    expect(trayIconState(makeSnapshot({ tasks }))).toBe('attention');
  });

  it('shows a problem above everything else', () => {
    const tasks = [makeTaskView({ state: 'done', unseen: true })];
    const problem = { kind: 'key-rejected' as const, message: 'The API key was rejected.' };
    expect(trayIconState(makeSnapshot({ tasks, problem }))).toBe('problem');
  });

  it('names an icon file that exists in assets for every state and variant, at both scales', () => {
    for (const state of ['idle', 'running', 'attention', 'problem'] as const) {
      for (const variant of ['Template', 'light', 'dark'] as const) {
        const file = join('assets', 'tray', trayIconFile(state, variant));
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace('.png', '@2x.png')), file).toBe(true);
        const windowsFile = join('assets', 'tray', trayIconFile(state, variant, 'win32'));
        expect(existsSync(windowsFile), windowsFile).toBe(true);
      }
    }
  });

  it('gives Windows the multi-size .ico and the other systems PNGs', () => {
    expect(trayIconFile('running', 'dark', 'win32')).toBe('tray-running-dark.ico');
    expect(trayIconFile('running', 'dark', 'linux')).toBe('tray-running-dark.png');
    expect(trayIconFile('running', 'Template', 'darwin')).toBe('tray-runningTemplate.png');
  });

  it('uses Template images on macOS', () => {
    expect(trayIconVariant('darwin', { shouldUseDarkColors: true })).toBe('Template');
  });

  it('follows the Windows taskbar (system theme), not the app theme: light apps on a dark taskbar get a light glyph', () => {
    const lightAppsDarkTaskbar = { shouldUseDarkColors: false, shouldUseDarkColorsForSystemIntegratedUI: true };
    expect(trayIconVariant('win32', lightAppsDarkTaskbar)).toBe('dark');
    const darkAppsLightTaskbar = { shouldUseDarkColors: true, shouldUseDarkColorsForSystemIntegratedUI: false };
    expect(trayIconVariant('win32', darkAppsLightTaskbar)).toBe('light');
  });

  it('falls back to the app theme on Windows builds without the system-UI property', () => {
    expect(trayIconVariant('win32', { shouldUseDarkColors: true })).toBe('dark');
    expect(trayIconVariant('win32', { shouldUseDarkColors: false })).toBe('light');
  });

  it('draws a light glyph on Linux panels, dark on GNOME whatever the app theme', () => {
    expect(trayIconVariant('linux', { shouldUseDarkColors: false })).toBe('dark');
    expect(trayIconVariant('linux', { shouldUseDarkColors: true })).toBe('dark');
  });
});

describe('tray tooltip and title', () => {
  it('summarises running tasks like "2 generating · 1 waiting"', () => {
    const tasks = [
      makeTaskView({ state: 'generating' }),
      makeTaskView({ state: 'generating' }),
      makeTaskView({ state: 'waiting' }),
    ];
    expect(trayTooltip(makeSnapshot({ tasks }))).toBe('2 generating · 1 waiting');
  });

  it('adds the problem sentence on its own line', () => {
    const snapshot = makeSnapshot({ problem: { kind: 'offline', message: 'You are offline.' } });
    expect(trayTooltip(snapshot)).toBe('Rodin Tray: nothing running\nYou are offline.');
  });

  it('stays within the 127 characters Windows shows', () => {
    const snapshot = makeSnapshot({ problem: { kind: 'unreachable', message: 'x'.repeat(300) } });
    expect(trayTooltip(snapshot).length).toBeLessThanOrEqual(127);
  });

  it('titles the macOS menu bar with the running count, and nothing when idle', () => {
    const tasks = [makeTaskView({ state: 'waiting' }), makeTaskView({ state: 'done' })];
    expect(trayTitle(makeSnapshot({ tasks }))).toBe('1');
    expect(trayTitle(makeSnapshot())).toBe('');
  });
});
