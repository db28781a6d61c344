import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SNAPSHOT_CHANNEL } from '../../src/shared/ipc';
import { makeSnapshot } from '../main/snapshot-fixtures';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    invoke: vi.fn((_channel: string, _request?: unknown) => Promise.resolve({ ok: true, value: 'answer' })),
    emit(channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, ...args);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: unknown) => electron.exposed.set(name, api),
  },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      if (!electron.listeners.has(channel)) electron.listeners.set(channel, new Set());
      electron.listeners.get(channel)?.add(listener);
    },
    removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      electron.listeners.get(channel)?.delete(listener);
    },
  },
}));

type Bridge = import('../../src/shared/ipc').RodinBridge;

async function loadBridge(): Promise<Bridge> {
  await import('../../src/preload/index');
  return electron.exposed.get('rodin') as Bridge;
}

beforeEach(() => {
  electron.invoke.mockClear();
});

describe('preload bridge', () => {
  it('exposes exactly one API, window.rodin, with invoke and onSnapshot only', async () => {
    const bridge = await loadBridge();
    expect([...electron.exposed.keys()]).toEqual(['rodin']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onSnapshot']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards a listed channel and its request to ipcRenderer.invoke', async () => {
    const bridge = await loadBridge();
    const result = await bridge.invoke('tasks:add-text', { text: 'eyJ…' });
    expect(electron.invoke).toHaveBeenCalledWith('tasks:add-text', { text: 'eyJ…' });
    expect(result).toEqual({ ok: true, value: 'answer' });
  });

  it('refuses a channel that is not in the contract without touching IPC', async () => {
    const bridge = await loadBridge();
    const result = await (bridge.invoke as (c: string, r: unknown) => Promise<unknown>)('fs:read', {
      path: '/etc/passwd',
    });
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'That action does not exist.' } });
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('delivers snapshots without the IPC event, and stops after unsubscribe', async () => {
    const bridge = await loadBridge();
    const received: unknown[][] = [];
    const unsubscribe = bridge.onSnapshot((...args: unknown[]) => received.push(args));
    const snapshot = makeSnapshot();
    electron.emit(SNAPSHOT_CHANNEL, snapshot);
    unsubscribe();
    electron.emit(SNAPSHOT_CHANNEL, snapshot);
    expect(received).toEqual([[snapshot]]);
  });
});
