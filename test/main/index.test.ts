import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IPC_CHANNELS } from '../../src/shared/ipc';
import { FakeBrowserWindow, FakeTray } from './electron-fake';

// The composition root, started against a recording Electron: checks the wiring no unit test sees.
const state = vi.hoisted(() => ({
  userData: '',
  handled: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
  protocols: [] as string[],
  privileged: [] as unknown[],
  defaultProtocol: [] as unknown[][],
  quitCalls: 0,
  quitPrevented: 0,
  shortcuts: [] as string[],
  switches: [] as [string, string | undefined][],
}));

vi.mock('electron', async () => {
  const fakes = (await import('./electron-fake')).fakeElectron();
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    ...fakes.app,
    isPackaged: false,
    setPath: vi.fn(),
    getPath: (name: string) => (name === 'downloads' ? join(state.userData, 'Downloads') : state.userData),
    getVersion: () => '0.1.0',
    getAppPath: () => process.cwd(),
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    setAsDefaultProtocolClient: (...args: unknown[]) => state.defaultProtocol.push(args),
    getLoginItemSettings: () => ({ openAtLogin: false, executableWillLaunchAtLogin: false, launchItems: [] }),
    commandLine: { appendSwitch: (name: string, value?: string) => state.switches.push([name, value]) },
    quit: () => {
      state.quitCalls += 1;
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      app.emit('before-quit', event);
      if (event.defaultPrevented) state.quitPrevented += 1;
    },
    dock: { hide: vi.fn() },
  });
  const ipcMain = {
    handle: (channel: string, listener: (event: unknown, request: unknown) => Promise<unknown>) =>
      state.handled.set(channel, listener),
    removeHandler: vi.fn(),
    on: vi.fn(),
  };
  const electron = {
    ...fakes,
    app,
    ipcMain,
    globalShortcut: {
      register: (accelerator: string) => {
        state.shortcuts.push(accelerator);
        return true;
      },
      unregisterAll: vi.fn(),
    },
    net: { fetch: vi.fn(), isOnline: () => true },
    powerMonitor: new Emitter(),
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string) => state.protocols.push(scheme),
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
  };
  return { ...electron, default: electron };
});

// electron-store loads the real 'electron' package from node_modules, which vi.mock cannot reach; it is a two-line
// wrapper over conf, so conf on the same folder stands in for it here.
vi.mock('../../src/main/store/electron-conf', async () => ({
  electronConfFactory: (await import('./store/conf-factory')).confFactory,
}));

// The root resolves the page next to its own folder: out/renderer in the bundle, src/renderer when run from source.
const page = `file://${join(process.cwd(), 'src', 'renderer', 'index.html')}`;

let electron: { app: EventEmitter & { quit(): void } };
// Not JWT-shaped, so only the main logger's knowledge of the key can hide it.
const ENV_KEY = 'rk_env_PLAIN-distinctive-key-7391';
let crashListeners: NodeJS.UncaughtExceptionListener[] = [];

beforeAll(async () => {
  state.userData = mkdtempSync(join(tmpdir(), 'rodin-index-'));
  vi.stubEnv('RODIN_API_KEY', ENV_KEY);
  const before = new Set(process.listeners('uncaughtException'));
  electron = await import('electron');
  await import('../../src/main/index');
  crashListeners = process.listeners('uncaughtException').filter((listener) => !before.has(listener));
  // start() runs after whenReady; wait until it has registered IPC and created the tray.
  await vi.waitFor(() => expect(state.handled.size).toBe(IPC_CHANNELS.length), { timeout: 10_000 });
});

afterAll(() => {
  for (const listener of crashListeners) process.removeListener('uncaughtException', listener);
  vi.unstubAllEnvs();
  rmSync(state.userData, { recursive: true, force: true });
});

describe('main composition root', () => {
  it('declares the preview scheme as privileged before ready and serves it', () => {
    expect(state.privileged).toEqual([expect.objectContaining({ scheme: 'rodin-preview' })]);
    expect(state.protocols).toEqual(['rodin-preview']);
  });

  it('registers as the rodin-tray:// handler', () => {
    expect(state.defaultProtocol[0]?.[0]).toBe('rodin-tray');
  });

  it('creates one tray with an icon and a tooltip', () => {
    expect(FakeTray.instances).toHaveLength(1);
    expect(FakeTray.instances[0]?.tooltip).toBeTruthy();
  });

  it('binds the two global shortcuts from the default settings', () => {
    expect(state.shortcuts).toEqual(['CommandOrControl+Alt+R', 'CommandOrControl+Alt+V']);
  });

  it('refuses IPC from a page that is not ours, and answers our page', async () => {
    const handler = state.handled.get('app:get-snapshot');
    const foreign = await handler?.({ senderFrame: { url: 'https://evil.example/' } }, undefined);
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    const ours = (await handler?.({ senderFrame: { url: page } }, undefined)) as { ok: boolean; value: unknown };
    expect(ours.ok).toBe(true);
    expect(JSON.stringify(ours.value)).not.toContain('RODIN_API_KEY');
  });

  it('logs an uncaught error instead of the default dialog, with the API key hidden', async () => {
    await vi.waitFor(() => expect(state.handled.size).toBe(IPC_CHANNELS.length));
    expect(crashListeners).toHaveLength(1);
    const lines: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      crashListeners[0]?.(new Error(`request with Authorization ${ENV_KEY} failed`), 'uncaughtException');
      electron.app.emit('render-process-gone', {}, {}, { reason: 'crashed', exitCode: 139 });
    } finally {
      write.mockRestore();
    }
    expect(lines.join('')).toContain('Unexpected error');
    expect(lines.join('')).toContain('crashed');
    expect(lines.join('')).not.toContain(ENV_KEY);
  });

  it('asks the desktop for global shortcuts through the portal on Linux (Wayland)', () => {
    expect(state.switches).toEqual(process.platform === 'linux' ? [['enable-features', 'GlobalShortcutsPortal']] : []);
  });

  it('opens the window on the first launch on Linux, where a tray may not show', () => {
    expect(FakeBrowserWindow.instances.map((win) => win.isVisible())).toEqual(
      process.platform === 'linux' ? [true] : [],
    );
  });

  it('shows the window when the app is opened again while running (macOS activate)', () => {
    FakeBrowserWindow.instances.at(-1)?.hide();
    electron.app.emit('activate', {}, false);
    expect(FakeBrowserWindow.instances.at(-1)?.isVisible()).toBe(true);
  });

  it('writes tasks to disk during before-quit and never refuses the quit', async () => {
    const handler = state.handled.get('tasks:add-text');
    const key = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxdWl0LXRlc3QifQ.c2lnbmF0dXJlLWZvci10ZXN0aW5n';
    const added = (await handler?.({ senderFrame: { url: page } }, { text: key })) as { ok: boolean };
    expect(added.ok).toBe(true);
    electron.app.quit();
    expect(state.quitPrevented).toBe(0);
    expect(readFileSync(join(state.userData, 'tasks.json'), 'utf8')).toContain(key);
    expect(FakeTray.instances[0]?.destroyed).toBe(true);
  });
});
