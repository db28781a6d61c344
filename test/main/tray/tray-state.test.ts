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
      }
    }
  });

  it('uses Template images on macOS and a contrasting glyph elsewhere', () => {
    expect(trayIconVariant('darwin', true)).toBe('Template');
    expect(trayIconVariant('win32', true)).toBe('dark');
    expect(trayIconVariant('linux', false)).toBe('light');
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
