import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, SNAPSHOT_CHANNEL, type IpcHandlers } from '../../../src/shared/ipc';
import {
  forwardSnapshots,
  registerIpcHandlers,
  type IpcEventLike,
  type IpcMainLike,
} from '../../../src/main/ipc/register-ipc';
import { isRendererUrl, rendererLocation } from '../../../src/main/window/renderer-location';
import { UsageError } from '../../../src/core/rodin/errors';
import { makeSnapshot } from '../snapshot-fixtures';

const PAGE = 'app://rodin/index.html';

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcEventLike, request: unknown) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => handlers.set(channel, listener),
    removeHandler: (channel) => handlers.delete(channel),
  };
  return {
    ipcMain,
    handlers,
    call: (channel: string, url: string | null, request?: unknown) =>
      handlers.get(channel)?.({ senderFrame: url === null ? null : { url } }, request),
  };
}

function fakeHandlers(): IpcHandlers & { calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    IPC_CHANNELS.map((channel) => [
      channel,
      (request: unknown) => {
        calls.push(channel);
        if (channel === 'tasks:rename') return Promise.reject(new UsageError('A label cannot be empty.'));
        return Promise.resolve({ echoed: request });
      },
    ]),
  );
  return Object.assign(handlers as unknown as IpcHandlers, { calls });
}

function setup() {
  const fake = fakeIpcMain();
  const handlers = fakeHandlers();
  const location = rendererLocation();
  const unregister = registerIpcHandlers({
    ipcMain: fake.ipcMain,
    handlers,
    isTrustedUrl: (url) => isRendererUrl(url, location),
  });
  return { ...fake, calls: handlers.calls, unregister };
}

describe('registerIpcHandlers', () => {
  it('registers a handler for every channel in the contract', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('answers our page with the controller result', async () => {
    const { call } = setup();
    expect(await call('tasks:add-text', PAGE, { text: 'x' })).toEqual({ ok: true, value: { echoed: { text: 'x' } } });
  });

  it.each([
    ['another page', 'https://evil.example/'],
    ['another local file', 'file:///tmp/evil.html'],
    ['the old file:// page', 'file:///app/out/renderer/index.html'],
    ['another page on our scheme', 'app://rodin/assets/other.html'],
    ['a preview image frame', 'rodin-preview://task/t1/preview.webp'],
    ['a destroyed frame', null],
  ])('refuses %s with FORBIDDEN_SENDER and never reaches the controller', async (_name, url) => {
    const { call, calls } = setup();
    const result = await call('key:clear', url);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(calls).toEqual([]);
  });

  it('turns a thrown error into an error result rather than a crash', async () => {
    const { call } = setup();
    const result = (await call('tasks:rename', PAGE, { id: 'x', label: '' })) as {
      ok: boolean;
      error?: { code: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('USAGE');
    expect(result.error?.message).toContain('label');
  });

  it('removes every handler when unregistered', () => {
    const { handlers, unregister } = setup();
    unregister();
    expect(handlers.size).toBe(0);
  });
});

describe('forwardSnapshots', () => {
  it('sends each snapshot to a live window and skips a destroyed or missing one', () => {
    let emit: (snapshot: ReturnType<typeof makeSnapshot>) => void = () => undefined;
    const subscribe = (listener: typeof emit) => {
      emit = listener;
      return () => undefined;
    };
    const send = vi.fn();
    let target: { isDestroyed(): boolean; send: typeof send } | undefined;
    forwardSnapshots(subscribe, () => target);
    emit(makeSnapshot());
    target = { isDestroyed: () => false, send };
    const snapshot = makeSnapshot();
    emit(snapshot);
    target = { isDestroyed: () => true, send };
    emit(makeSnapshot());
    expect(send.mock.calls).toEqual([[SNAPSHOT_CHANNEL, snapshot]]);
  });
});
