import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, resetFakes } from '../electron-fake';

vi.mock('electron', async () => (await import('../electron-mock')).fakeElectron());

const { createPopover } = await import('../../../src/main/window/popover-window');
const { rendererLocation } = await import('../../../src/main/window/renderer-location');

function popover() {
  return createPopover({
    preloadPath: '/app/out/preload/index.cjs',
    location: rendererLocation(),
    trayBounds: () => ({ x: 1000, y: 0, width: 24, height: 24 }),
    openExternal: vi.fn(),
  });
}

function onlyWindow(): FakeBrowserWindow {
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0] as FakeBrowserWindow;
}

beforeEach(resetFakes);

describe('popover window', () => {
  it('is not created until first shown', () => {
    popover();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('is created once with the secure options, loads the bundled page and sits under the tray', () => {
    const p = popover();
    p.show();
    p.hide();
    p.show();
    const win = onlyWindow();
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.loadedUrl).toBe('app://rodin/index.html');
    expect(win.loadedFile).toBeUndefined();
    expect(win.position).toEqual([822, 29]);
    expect(win.isVisible()).toBe(true);
  });

  it('hides on blur', () => {
    const p = popover();
    p.show();
    const win = onlyWindow();
    win.emit('blur');
    expect(win.isVisible()).toBe(false);
  });

  it('hides on Escape and swallows the key', () => {
    const p = popover();
    p.show();
    const win = onlyWindow();
    const preventDefault = vi.fn();
    win.webContents.emit('before-input-event', { preventDefault }, { type: 'keyDown', key: 'Escape' });
    expect(win.isVisible()).toBe(false);
    expect(preventDefault).toHaveBeenCalled();
  });

  it('toggles between shown and hidden (the global shortcut)', () => {
    const p = popover();
    p.toggle();
    expect(onlyWindow().isVisible()).toBe(true);
    p.toggle();
    expect(onlyWindow().isVisible()).toBe(false);
  });

  it('denies window.open and navigation away from the page', () => {
    popover().show();
    const win = onlyWindow();
    expect(win.webContents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const preventDefault = vi.fn();
    win.webContents.emit('will-navigate', { preventDefault }, 'https://evil.example/');
    expect(preventDefault).toHaveBeenCalled();
  });

  it('routes to a task through the page hash, and ignores a route that is not a plain id', () => {
    const p = popover();
    p.show('task=abc123');
    p.show('task=x"; alert(1); "');
    expect(onlyWindow().webContents.executed).toEqual(['location.hash = "task=abc123"']);
  });
});
