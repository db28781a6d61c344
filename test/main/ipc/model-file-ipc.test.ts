// The model's way out of the window, end to end in main: the page names a task over IPC (sender-checked), the real
// controller finds the file inside that task's folder, and Electron's startDrag / shell get the path; nothing else does.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeWebContents, resetFakes } from '../electron-fake';
import type { fakeElectron } from '../electron-mock';
import type { IpcEventLike, IpcMainLike } from '../../../src/main/ipc/register-ipc';
import type { Task } from '../../../src/core/tasks/task';
import { taskIdOf } from '../../../src/core/tasks/task-id';

vi.mock('electron', async () => (await import('../electron-mock')).fakeElectron());

const electron = (await import('electron')) as unknown as ReturnType<typeof fakeElectron>;
const { createAppController } = await import('../../../src/core/app/app-controller');
const { createMemoryKeyStore, createMemoryStore } = await import('../../support/memory-adapters');
const { systemClock } = await import('../../../src/core/clock');
const { registerIpcHandlers } = await import('../../../src/main/ipc/register-ipc');
const { createElectronPlatform } = await import('../../../src/main/platform');
const { createPreviewRegistry } = await import('../../../src/main/window/preview-protocol');
const { isRendererUrl, rendererLocation } = await import('../../../src/main/window/renderer-location');

const PAGE = 'app://rodin/index.html';
const KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb2RlbCJ9.c2lnbmF0dXJlLW1vZGVs';
const OTHER_KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvdGhlciJ9.c2lnbmF0dXJlLW90aGVy';

let root: string;
let shutdown: (() => Promise<void>) | undefined;
beforeEach(() => {
  resetFakes();
  vi.clearAllMocks();
  root = mkdtempSync(join(tmpdir(), 'rodin-model-ipc-'));
});
afterEach(async () => {
  await shutdown?.();
  rmSync(root, { recursive: true, force: true });
});

function doneTask(key: string, folder: string, files: string[]): Task {
  return {
    subscriptionKey: key,
    taskUuid: `uuid-${key.slice(-6)}`,
    label: 'Toadstool',
    jobs: [{ uuid: 'j1', status: 'Done' }],
    state: 'done',
    addedAt: 1,
    finishedAt: 2,
    notified: true,
    download: { status: 'done', folder, files, finishedAt: 3 },
  };
}

async function setup(tasks: Task[]) {
  const contents = new FakeWebContents();
  const controller = await createAppController({
    clock: systemClock,
    fetch: () => Promise.reject(new Error('no network in this test')),
    keyStore: createMemoryKeyStore(),
    store: createMemoryStore({ tasks, settings: { downloadFolder: root } }),
    platform: createElectronPlatform({
      hideWindow: vi.fn(),
      previews: createPreviewRegistry(),
      dragSource: () => contents,
      dragIconPath: '/app/assets/icon.png',
    }),
  });
  shutdown = () => controller.shutdown();
  const listeners = new Map<string, (event: IpcEventLike, request: unknown) => Promise<unknown>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => listeners.set(channel, listener),
    removeHandler: (channel) => listeners.delete(channel),
  };
  const location = rendererLocation();
  registerIpcHandlers({ ipcMain, handlers: controller.handlers, isTrustedUrl: (url) => isRendererUrl(url, location) });
  const call = (channel: string, request: unknown, url = PAGE) =>
    listeners.get(channel)!({ senderFrame: { url } }, request);
  return { contents, call };
}

function taskFolder(name: string, files: Record<string, string>): string {
  const folder = join(root, name);
  mkdirSync(folder);
  for (const [file, body] of Object.entries(files)) writeFileSync(join(folder, file), body);
  return folder;
}

describe('dragging a model out, and opening, showing and copying its path', () => {
  it('starts an OS drag of the task’s model file from the window, with an icon under the cursor', async () => {
    const folder = taskFolder('Toadstool', { 'base_basic_pbr.glb': 'glTF', 'preview.webp': 'RIFF' });
    const model = join(folder, 'base_basic_pbr.glb');
    const { contents, call } = await setup([doneTask(KEY, folder, [join(folder, 'preview.webp'), model])]);

    expect(await call('tasks:drag-model', { id: taskIdOf(KEY) })).toEqual({ ok: true, value: undefined });
    expect(contents.drags).toHaveLength(1);
    expect(contents.drags[0]).toMatchObject({ file: model, icon: { path: '/app/assets/icon.png', width: 64 } });
  });

  it('opens the model in its default app, shows it in the folder and copies its path', async () => {
    const folder = taskFolder('Toadstool', { 'model.fbx': 'FBX' });
    const model = join(folder, 'model.fbx');
    const { call } = await setup([doneTask(KEY, folder, [model])]);
    const id = taskIdOf(KEY);

    expect(await call('tasks:open-model', { id })).toMatchObject({ ok: true });
    expect(await call('tasks:show-model', { id })).toMatchObject({ ok: true });
    expect(await call('tasks:copy', { id, what: 'model-path' })).toMatchObject({ ok: true });
    expect(electron.shell.openPath.mock.calls).toEqual([[model]]);
    expect(electron.shell.showItemInFolder.mock.calls).toEqual([[model]]);
    expect(electron.clipboard.writeText.mock.calls).toEqual([[model]]);
  });

  it('refuses an unknown task, and a request that names a path instead of a task', async () => {
    const folder = taskFolder('Toadstool', { 'model.glb': 'glTF' });
    const { contents, call } = await setup([doneTask(KEY, folder, [join(folder, 'model.glb')])]);

    expect(await call('tasks:drag-model', { id: taskIdOf(OTHER_KEY) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call('tasks:drag-model', { id: taskIdOf(KEY), file: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(await call('tasks:drag-model', { file: join(folder, 'model.glb') })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(contents.drags).toEqual([]);
  });

  it('refuses a stored model path outside the task’s folder, or a link that leads out of it', async () => {
    const outside = join(root, 'secret.glb');
    writeFileSync(outside, 'not yours');
    const first = taskFolder('First', {});
    const second = taskFolder('Second', {});
    symlinkSync(outside, join(second, 'model.glb'));
    const { contents, call } = await setup([
      doneTask(KEY, first, [outside]),
      doneTask(OTHER_KEY, second, [join(second, 'model.glb')]),
    ]);

    for (const key of [KEY, OTHER_KEY]) {
      for (const channel of ['tasks:drag-model', 'tasks:open-model', 'tasks:show-model']) {
        expect(await call(channel, { id: taskIdOf(key) }), channel).toMatchObject({
          ok: false,
          error: { code: 'NOT_FOUND' },
        });
      }
    }
    expect(contents.drags).toEqual([]);
    expect(electron.shell.openPath).not.toHaveBeenCalled();
    expect(electron.shell.showItemInFolder).not.toHaveBeenCalled();
  });

  it('refuses a page that is not ours, and a task with nothing downloaded', async () => {
    const folder = taskFolder('Toadstool', { 'model.glb': 'glTF' });
    const pending: Task = { ...doneTask(OTHER_KEY, folder, []), download: { status: 'downloading', folder } };
    const { contents, call } = await setup([doneTask(KEY, folder, [join(folder, 'model.glb')]), pending]);

    expect(await call('tasks:drag-model', { id: taskIdOf(KEY) }, 'https://evil.example/')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    expect(await call('tasks:drag-model', { id: taskIdOf(OTHER_KEY) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_DOWNLOADED' },
    });
    expect(contents.drags).toEqual([]);
  });
});
