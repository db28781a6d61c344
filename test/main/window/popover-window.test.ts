import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, resetFakes } from '../electron-fake';

vi.mock('electron', async () => (await import('../electron-fake')).fakeElectron());

const { createPopover } = await import('../../../src/main/window/popover-window');
const { rendererLocation } = await import('../../../src/main/window/renderer-location');

let clock = 0;
const log = vi.fn();

function popover(platform: NodeJS.Platform = 'linux') {
  return createPopover({
    preloadPath: '/app/out/preload/index.cjs',
    rendererIndexPath: '/app/out/renderer/index.html',
    location: rendererLocation('/app/out/renderer/index.html'),
    trayBounds: () => ({ x: 1000, y: 0, width: 24, height: 24 }),
    openExternal: vi.fn(),
    platform,
    log,
    now: () => clock,
  });
}

function lastWindow(): FakeBrowserWindow {
  const win = FakeBrowserWindow.instances.at(-1);
  if (!win) throw new Error('no window created');
  return win;
}

function onlyWindow(): FakeBrowserWindow {
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0] as FakeBrowserWindow;
}

beforeEach(() => {
  resetFakes();
  clock = 1_000_000;
  log.mockClear();
});

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
    expect(win.loadedFile).toBe('/app/out/renderer/index.html');
    expect(win.getBounds()).toEqual({ x: 822, y: 29, width: 380, height: 560 });
    expect(win.isVisible()).toBe(true);
  });

  it('is placed with setBounds, size included, so a monitor with another scale factor keeps its size', () => {
    popover().show();
    const win = onlyWindow();
    expect(win.boundsSet).toEqual([{ x: 822, y: 29, width: 380, height: 560 }]);
    expect(win.positionCalls).toBe(0);
  });

  it('on macOS, shows over full-screen apps and on the current Space without flashing the Dock', () => {
    popover('darwin').show();
    expect(onlyWindow().allWorkspaces).toEqual([[true, { visibleOnFullScreen: true, skipTransformProcessType: true }]]);
  });

  it('leaves workspaces alone elsewhere', () => {
    popover('win32').show();
    expect(onlyWindow().allWorkspaces).toEqual([]);
  });

  it('stays closed when the tray click that blurred it arrives right after (menubar#274)', () => {
    const p = popover();
    p.show();
    const win = onlyWindow();
    // Clicking the tray icon: the window loses focus first and hides, then the click toggles.
    win.emit('blur');
    clock += 120;
    p.toggle();
    expect(win.isVisible()).toBe(false);
    // A later click opens it again.
    clock += 1_000;
    p.toggle();
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

  it('replaces a visible window whose renderer crashed, and says why', () => {
    const p = popover();
    p.show();
    const crashed = lastWindow();
    crashed.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(crashed.isDestroyed()).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(lastWindow().isVisible()).toBe(true);
    expect(p.window()).toBe(lastWindow());
    expect(log).toHaveBeenCalledWith(expect.stringContaining('crashed'));
  });

  it('reopens a crashed window at most once a minute; a second crash waits for the user', () => {
    const p = popover();
    p.show();
    lastWindow().webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    clock += 10_000;
    lastWindow().webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(p.window()).toBeUndefined();
    // Opening it again is the user's retry.
    p.show();
    expect(FakeBrowserWindow.instances).toHaveLength(3);
  });

  it('drops a hidden crashed window and creates a fresh one when next shown', () => {
    const p = popover();
    p.show();
    p.hide();
    lastWindow().webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(p.window()).toBeUndefined();
    p.show();
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(lastWindow().isVisible()).toBe(true);
  });
});
