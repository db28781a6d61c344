import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppController } from '../../../src/core/app/app-controller';
import { wrapHandlers } from '../../../src/core/app/ipc-result';
import { createSimDemo } from '../../../src/core/app/sim-demo';
import {
  createMemoryKeyStore,
  createMemoryStore,
  createRecordingPlatform,
  type MemoryKeyStore,
  type MemoryStore,
  type RecordingPlatform,
} from '../../support/memory-adapters';
import type { AppController } from '../../../src/core/app/types';
import type { AppNotification } from '../../../src/core/notify/finish-notifications';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { createDurationModel } from '../../../src/core/scheduler/duration-model';
import { startSimulator, type Simulator, type SimTaskScript } from '../../../src/core/sim/simulator';
import type { Settings } from '../../../src/shared/settings';
import type { AppSnapshot, TaskView } from '../../../src/shared/snapshot';

const WRONG_KEY = 'wrong-key-ZZZZ0123456789abcdef';
const QUICK: SimTaskScript = { jobs: 2, queueMs: 2_000, queueLength: 2, generateMs: 4_000 };

let clock: FakeClock;
let sim: Simulator;
let folder: string;
let controllers: AppController[];

beforeEach(async () => {
  clock = createFakeClock(1_700_000_000_000);
  sim = await startSimulator({ now: () => clock.now() });
  folder = mkdtempSync(join(tmpdir(), 'rodin-controller-'));
  controllers = [];
});

afterEach(async () => {
  for (const c of controllers) await c.shutdown();
  await sim.stop();
  rmSync(folder, { recursive: true, force: true });
});

interface Harness {
  controller: AppController;
  invoke: ReturnType<typeof wrapHandlers>;
  store: MemoryStore;
  keyStore: MemoryKeyStore;
  platform: RecordingPlatform;
  snapshots: AppSnapshot[];
  notifications: AppNotification[];
  finished: string[];
}

async function start(
  options: { key?: string | null; store?: MemoryStore; settings?: Partial<Settings>; demo?: boolean } = {},
): Promise<Harness> {
  const store =
    options.store ??
    createMemoryStore({
      settings: { baseUrl: sim.baseUrl, downloadFolder: join(folder, 'results'), ...options.settings },
    });
  const keyStore = createMemoryKeyStore(
    options.key === null ? undefined : (options.key ?? sim.apiKey),
    'memory',
    sim.baseUrl,
  );
  const platform = createRecordingPlatform({ downloadRoot: join(folder, 'default-root') });
  const controller = await createAppController({
    clock,
    fetch,
    keyStore,
    store,
    platform,
    ...(options.demo ? { startDemo: () => Promise.resolve({ baseUrl: sim.baseUrl, apiKey: sim.apiKey }) } : {}),
  });
  controllers.push(controller);
  const snapshots: AppSnapshot[] = [];
  const notifications: AppNotification[] = [];
  const finished: string[] = [];
  controller.onSnapshot((s) => snapshots.push(s));
  controller.onNotify((n) => notifications.push(n));
  controller.onFinished(({ task }) => finished.push(task.label));
  return {
    controller,
    invoke: wrapHandlers(controller.handlers),
    store,
    keyStore,
    platform,
    snapshots,
    notifications,
    finished,
  };
}

/** Moves simulated time in steps, giving real HTTP round trips to the simulator a moment between steps. */
async function until(predicate: () => boolean, what: string, maxSimMs = 120_000, stepMs = 500): Promise<void> {
  for (let elapsed = 0; elapsed <= maxSimMs; elapsed += stepMs) {
    if (predicate()) return;
    await clock.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (!predicate()) throw new Error(`Timed out waiting for: ${what}`);
}

function only(h: Harness): TaskView {
  const [task, ...rest] = h.controller.snapshot().tasks;
  expect(rest).toHaveLength(0);
  return task!;
}

async function addSimTask(h: Harness, script: SimTaskScript = QUICK) {
  const simTask = sim.addTask(script);
  const result = await h.invoke('tasks:add-text', { text: JSON.stringify(simTask.generationResponse) });
  if (!result.ok) throw new Error(result.error.message);
  return { simTask, id: result.value.added[0]!.id };
}

describe('app controller', () => {
  it('adds tasks from pasted text and reports duplicates and what it could not read', async () => {
    const h = await start();
    const simTask = sim.addTask(QUICK);
    const text = JSON.stringify(simTask.generationResponse);

    const first = await h.invoke('tasks:add-text', { text });
    expect(first.ok && first.value.added).toHaveLength(1);
    const second = await h.invoke('tasks:add-text', { text });
    expect(second.ok && second.value).toMatchObject({ added: [], duplicates: [{ id: only(h).id }] });
    const junk = await h.invoke('tasks:add-text', { text: 'hello there' });
    expect(junk.ok && junk.value.added).toEqual([]);
    expect(junk.ok && junk.value.rejected.length).toBeGreaterThan(0);
    expect(only(h).taskUuid).toBe(simTask.taskUuid);
  });

  it('watches a task to Done, notifies once and downloads its results to disk', async () => {
    const h = await start();
    const { id } = await addSimTask(h, { ...QUICK, label: 'Chair' });
    await until(() => only(h).download?.status === 'done', 'download done');

    const view = only(h);
    expect(view.id).toBe(id);
    expect(view.state).toBe('done');
    expect(view.download?.fileCount).toBeGreaterThan(0);
    expect(view.download?.previewUrl).toContain(id);
    const taskFolder = h.store.savedTasks()[0]?.download?.folder ?? '';
    expect(taskFolder.startsWith(join(folder, 'results'))).toBe(true);
    expect(readdirSync(taskFolder)).toEqual(expect.arrayContaining(['preview.webp']));

    await until(() => h.notifications.length > 0, 'a notification');
    expect(h.finished).toHaveLength(1);
    // The key is read once and cached, not fetched from the keychain for every request.
    expect(h.keyStore.reads()).toBe(1);
    expect(h.notifications).toEqual([expect.objectContaining({ taskId: id, sound: true })]);
    expect(h.notifications[0]?.title).toContain('Done');
    expect(h.controller.snapshot().tasks[0]?.unseen).toBe(true);
    await h.invoke('tasks:mark-seen', { ids: [id] });
    expect(h.controller.snapshot().tasks[0]?.unseen).toBe(false);
  });

  it('does not download on its own when automatic downloads are off, but does when asked', async () => {
    const h = await start({ settings: { autoDownload: false } });
    const { id } = await addSimTask(h);
    await until(() => only(h).state === 'done', 'task done');
    await clock.advance(2_000);
    expect(only(h).download).toBeUndefined();

    expect(await h.invoke('tasks:download', { id })).toEqual({ ok: true, value: undefined });
    await until(() => only(h).download?.status === 'done', 'download done');
    await h.invoke('tasks:open-folder', { id });
    expect(h.platform.openedPaths).toHaveLength(1);
    expect(existsSync(h.platform.openedPaths[0]!)).toBe(true);
  });

  it('saves the safe files of a list with a refused entry and says so on the task', async () => {
    const h = await start();
    await addSimTask(h, { ...QUICK, extraDownloads: [{ name: 'run.sh', url: 'https://example.com/run.sh' }] });
    await until(() => only(h).download?.status === 'done', 'download done');
    expect(only(h).download).toMatchObject({
      status: 'done',
      fileCount: 2,
      note: '2 files saved, 1 refused: not a 3D or image file (.sh)',
    });
  });

  it('asks before adding tasks from a link, naming them, and adds nothing when the user cancels', async () => {
    const h = await start();
    const a = sim.addTask(QUICK);
    const b = sim.addTask(QUICK);
    const link = `rodin-tray://add?key=${a.subscriptionKey}&label=Chair&key=${b.subscriptionKey}&label=Lamp`;
    const declined = await h.controller.addFromLink(link);
    expect(h.platform.confirmations).toHaveLength(1);
    expect(h.platform.confirmations[0]?.message).toBe('Add 2 tasks from a link?');
    expect(h.platform.confirmations[0]?.detail).toContain('• Chair\n• Lamp');
    expect(declined.added).toEqual([]);
    expect(h.controller.snapshot().tasks).toEqual([]);

    h.platform.nextConfirm = true;
    const accepted = await h.controller.addFromLink(link);
    expect(accepted.added.map((t) => t.label)).toEqual(['Chair', 'Lamp']);
  });

  it('offers at most 20 tasks from one link', async () => {
    const h = await start();
    h.platform.nextConfirm = true;
    const keys = Array.from({ length: 25 }, () => sim.addTask(QUICK).subscriptionKey);
    const result = await h.controller.addFromLink(`rodin-tray://add?${keys.map((k) => `key=${k}`).join('&')}`);
    expect(result.added).toHaveLength(20);
    expect(result.rejected).toContain('The link holds more than 20 tasks; only the first 20 were offered.');
    expect(h.platform.confirmations[0]?.message).toBe('Add 20 tasks from a link?');
  });

  it('does not download a link-added task on its own until the user has seen it in the window', async () => {
    const h = await start();
    h.platform.nextConfirm = true;
    const simTask = sim.addTask(QUICK);
    const link = `rodin-tray://add?key=${simTask.subscriptionKey}&task=${simTask.taskUuid}&label=Chair`;
    const { added } = await h.controller.addFromLink(link);
    await until(() => only(h).state === 'done', 'task done');
    await clock.advance(5_000);
    expect(only(h).download).toBeUndefined();
    expect(sim.requests().filter((r) => r.path === '/v2/download')).toEqual([]);

    await h.invoke('tasks:mark-seen', { ids: [added[0]!.id] });
    await until(() => only(h).download?.status === 'done', 'download done after being seen');
  });

  it('caps unfinished tasks at the setting, saying why the rest were not added', async () => {
    const h = await start({ settings: { maxActiveTasks: 2 } });
    const text = JSON.stringify([1, 2, 3].map(() => sim.addTask({ ...QUICK, queueMs: 600_000 }).generationResponse));
    const result = await h.invoke('tasks:add-text', { text });
    expect(result.ok && result.value.added).toHaveLength(2);
    expect(result.ok && result.value.rejected).toEqual([
      '1 task was not added: already watching 2 unfinished tasks, the most allowed (Settings → Checking).',
    ]);
  });

  it('records a failed download on the task and succeeds when retried', async () => {
    const h = await start({ settings: { autoDownload: false } });
    const { id } = await addSimTask(h);
    await until(() => only(h).state === 'done', 'task done');
    sim.setFault({ kind: 'error-in-201', code: 'NO_SUCH_TASK', paths: ['/v2/download'], times: 1 });
    await h.invoke('tasks:download', { id });
    await until(() => only(h).download?.status === 'failed', 'download failed');
    expect(only(h).download?.error).toMatch(/task/i);

    await h.invoke('tasks:download', { id });
    await until(() => only(h).download?.status === 'done', 'download done');
    expect(only(h).download?.error).toBeUndefined();
  });

  it('copies the task UUID and checks a task again on request', async () => {
    const h = await start();
    const { id, simTask } = await addSimTask(h);
    await h.invoke('tasks:copy', { id, what: 'task-uuid' });
    expect(h.platform.copied).toEqual([simTask.taskUuid]);
    expect(await h.invoke('tasks:retry-now', { id })).toEqual({ ok: true, value: undefined });
    await until(() => sim.requests().some((r) => r.path === '/v2/status'), 'a status call');
    expect(await h.invoke('tasks:retry-now', { id: '0123456789abcdef' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('forgets the key on clear and asks for one again', async () => {
    const h = await start();
    expect(await h.invoke('key:clear', undefined)).toEqual({ ok: true, value: undefined });
    expect(await h.keyStore.get()).toBeUndefined();
    expect(h.controller.snapshot()).toMatchObject({ key: { present: false }, problem: { kind: 'no-key' } });
    expect(await h.invoke('balance:refresh', undefined)).toMatchObject({ ok: false, error: { code: 'NO_KEY' } });
  });

  it('says so when the keychain cannot be read, and still starts', async () => {
    const store = createMemoryStore({ settings: { baseUrl: sim.baseUrl } });
    const keyStore = createMemoryKeyStore();
    keyStore.get = () => Promise.reject(new Error('The name org.freedesktop.secrets was not provided'));
    const controller = await createAppController({
      clock,
      fetch,
      keyStore,
      store,
      platform: createRecordingPlatform(),
    });
    controllers.push(controller);
    const problem = controller.snapshot().problem;
    expect(problem?.kind).toBe('no-key');
    expect(problem?.message).toMatch(/keychain/i);
  });

  it('refuses a wrong key when setting it, and keeps no trace of it', async () => {
    const h = await start({ key: null });
    expect(h.controller.snapshot().problem?.kind).toBe('no-key');

    const result = await h.invoke('key:set', { key: WRONG_KEY });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(JSON.stringify(result)).not.toContain(WRONG_KEY);
    expect(await h.keyStore.get()).toBeUndefined();
    expect(h.controller.snapshot().key.present).toBe(false);

    const good = await h.invoke('key:set', { key: `  ${sim.apiKey}\n` });
    expect(good).toEqual({ ok: true, value: { balance: sim.balance() } });
    // Bound to the origin it was verified with.
    expect(await h.keyStore.get()).toEqual({ key: sim.apiKey, origin: new URL(sim.baseUrl).origin });
    expect(h.controller.snapshot().problem).toBeUndefined();
    expect(h.controller.snapshot().key.hint).toBe(`…${sim.apiKey.slice(-4)}`);
  });

  it('shows a rejected key while polling and recovers when the right key is set', async () => {
    const h = await start({ key: WRONG_KEY });
    await addSimTask(h);
    await until(() => h.controller.snapshot().problem?.kind === 'key-rejected', 'key rejected');
    expect(only(h).state).toBe('waiting');

    const result = await h.invoke('key:set', { key: sim.apiKey });
    expect(result.ok).toBe(true);
    expect(h.controller.snapshot().problem).toBeUndefined();
    await until(() => only(h).state === 'done', 'task done after the key was fixed');
  });

  it('applies settings at once and keeps them', async () => {
    const h = await start();
    const result = await h.invoke('settings:update', { pollBudgetPerMinute: 30, launchAtLogin: true, historySize: 50 });
    expect(result.ok && result.value.pollBudgetPerMinute).toBe(30);
    expect(h.platform.launchAtLogin).toEqual([true]);
    expect(h.store.savedSettings()).toMatchObject({ pollBudgetPerMinute: 30, launchAtLogin: true, historySize: 50 });
    expect(h.controller.snapshot().settings.historySize).toBe(50);

    const insecure = await h.invoke('settings:update', { baseUrl: 'http://example.com/api' });
    expect(insecure).toMatchObject({ ok: false, error: { code: 'INVALID_SETTING' } });
    expect(h.store.savedSettings().baseUrl).toBe(sim.baseUrl);

    h.platform.nextChosenFolder = join(folder, 'chosen');
    expect(await h.invoke('settings:choose-download-folder', undefined)).toEqual({
      ok: true,
      value: join(folder, 'chosen'),
    });
    expect(h.store.savedSettings().downloadFolder).toBe(join(folder, 'chosen'));
  });

  it('writes the task list before shutdown returns, so quitting never has to wait for it', async () => {
    const h = await start();
    await addSimTask(h, { ...QUICK, label: 'Stool' });
    const flushesBefore = h.store.flushCount();
    void h.controller.shutdown();
    expect(h.store.flushCount()).toBe(flushesBefore + 1);
    expect(h.store.savedTasks().map((task) => task.label)).toEqual(['Stool']);
  });

  it('neither notifies nor downloads again after a restart', async () => {
    const first = await start();
    await addSimTask(first, { ...QUICK, label: 'Lamp' });
    await until(() => only(first).download?.status === 'done' && first.notifications.length === 1, 'done + notified');
    await first.controller.shutdown();
    expect(first.store.flushCount()).toBeGreaterThan(0);
    const downloadCalls = () => sim.requests().filter((r) => r.path.startsWith('/v2/download')).length;
    const callsBefore = downloadCalls();

    const second = await start({ store: first.store });
    await clock.advance(30_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(only(second)).toMatchObject({ label: 'Lamp', state: 'done', download: { status: 'done' } });
    expect(second.notifications).toEqual([]);
    expect(second.finished).toEqual([]);
    expect(downloadCalls()).toBe(callsBefore);
  });

  it('says the files are missing when a stored folder is outside the download folder, and never opens it', async () => {
    const first = await start();
    const { id } = await addSimTask(first, { ...QUICK, label: 'Lamp' });
    await until(() => only(first).download?.status === 'done', 'download done');
    await first.controller.shutdown();
    // Someone edits the settings file: the task's folder now points at a system folder.
    const tampered = first.store.loadTasks().map((task) => ({
      ...task,
      download: { ...task.download!, folder: '/etc', previewFile: '/etc/passwd' },
    }));
    first.store.saveTasks(tampered);

    const second = await start({ store: first.store });
    await until(() => only(second).download?.status === 'failed', 'files marked missing');
    expect(only(second).download?.error).toMatch(/files are missing/);
    expect(only(second).download?.previewUrl).toBeUndefined();
    const opened = await second.invoke('tasks:open-folder', { id });
    expect(opened.ok).toBe(false);
    expect(second.platform.openedPaths).toEqual([]);
  });

  it('still shows a finished task as unseen after a restart, and keeps what it learned about durations', async () => {
    const first = await start();
    const { id } = await addSimTask(first, { ...QUICK, queueMs: 30_000, generateMs: 40_000, label: 'Vase' });
    await until(() => only(first).state === 'done', 'task done');
    await first.controller.shutdown();
    const learned = createDurationModel(first.store.savedSchedulerState());
    expect(learned.sampleCount()).toBe(1);

    const second = await start({ store: first.store });
    expect(only(second)).toMatchObject({ id, state: 'done', unseen: true });
    await second.controller.shutdown();
    // Restored, not relearned from scratch: the restarted app writes back exactly what it loaded.
    const restored = createDurationModel(second.store.savedSchedulerState());
    expect(restored.toJSON()).toEqual(learned.toJSON());
    expect(restored.generationQuantiles()).toEqual(learned.generationQuantiles());

    const third = await start({ store: first.store });
    await third.invoke('tasks:mark-seen', { ids: [id] });
    await third.controller.shutdown();
    const fourth = await start({ store: first.store });
    expect(only(fourth).unseen).toBe(false);
  });

  it('never lets the API key reach a snapshot or an error', async () => {
    const h = await start();
    const { id } = await addSimTask(h);
    sim.setFault({ kind: 'unauthorized', times: 1 });
    await h.invoke('balance:refresh', undefined);
    await until(() => only(h).state === 'done', 'task done');
    const results = [
      await h.invoke('key:set', { key: `${sim.apiKey}x` }),
      await h.invoke('tasks:copy', { id, what: 'subscription-key' }),
      await h.invoke('settings:update', { baseUrl: `https://user:${sim.apiKey}@example/` }),
    ];
    const everything = JSON.stringify([...h.snapshots, h.controller.snapshot(), results]);
    expect(h.snapshots.length).toBeGreaterThan(0);
    expect(everything).not.toContain(sim.apiKey);
    // The subscription key goes to the clipboard when asked, never into a snapshot.
    expect(h.platform.copied).toEqual([sim.tasks().at(-1)?.subscriptionKey]);
    expect(JSON.stringify(h.controller.snapshot())).not.toContain(h.platform.copied[0]);
  });

  it('answers bad payloads with INVALID_PAYLOAD', async () => {
    const h = await start();
    const { id } = await addSimTask(h);
    const invoke = h.invoke as (channel: string, request: unknown) => Promise<unknown>;
    const bad: [string, unknown][] = [
      ['tasks:add-text', { text: 42 }],
      ['tasks:remove', { id: '../../etc' }],
      ['tasks:rename', { id, label: '   ' }],
      ['tasks:rename', { id, label: 'x'.repeat(121) }],
      ['tasks:copy', { id, what: 'api-key' }],
      ['settings:update', { pollBudgetPerMinute: 10_000 }],
      ['settings:update', { notAField: true }],
      ['notifications:pause', { minutes: -5 }],
      ['key:set', {}],
      ['polling:pause', { surprise: 1 }],
      ['tasks:mark-seen', null],
    ];
    for (const [channel, request] of bad) {
      expect(await invoke(channel, request), channel).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    expect(await h.invoke('tasks:rename', { id, label: '  Nice chair  ' })).toEqual({ ok: true, value: undefined });
    expect(only(h).label).toBe('Nice chair');
  });

  it('brings a removed task back with undo for ten seconds, and not after', async () => {
    const h = await start();
    const { id } = await addSimTask(h);
    // The window is told the same ten seconds, so it never offers an undo the core can no longer do.
    expect(await h.invoke('tasks:remove', { id })).toEqual({ ok: true, value: { undoMs: 10_000 } });
    expect(h.controller.snapshot().tasks).toEqual([]);
    expect(await h.invoke('tasks:undo-remove', { id })).toEqual({ ok: true, value: undefined });
    expect(only(h).id).toBe(id);

    await h.invoke('tasks:remove', { id });
    await clock.advance(10_001);
    expect(await h.invoke('tasks:undo-remove', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('pushes a burst of changes as one snapshot', async () => {
    const h = await start();
    await clock.advance(1_000);
    const before = h.snapshots.length;
    for (let i = 0; i < 5; i += 1)
      await h.invoke('tasks:add-text', { text: JSON.stringify(sim.addTask().generationResponse) });
    await h.invoke('polling:pause', undefined);
    await clock.advance(150);
    expect(h.snapshots.length - before).toBe(1);
    expect(h.snapshots.at(-1)?.tasks).toHaveLength(5);
    expect(h.snapshots.at(-1)?.polling).toMatchObject({ paused: true, pausedBy: 'user' });
  });

  it('coalesces three finishes in a burst into one summary notification', async () => {
    const h = await start({ settings: { autoDownload: false } });
    for (const label of ['A', 'B', 'C']) await addSimTask(h, { ...QUICK, label });
    await until(() => h.notifications.length > 0, 'a notification');
    await clock.advance(5_000);
    expect(h.notifications).toHaveLength(1);
    expect(h.notifications[0]?.title).toBe('3 tasks finished');
    expect(h.finished.sort()).toEqual(['A', 'B', 'C']);
  });

  it('stays silent while notifications are paused', async () => {
    const h = await start({ settings: { autoDownload: false } });
    await h.invoke('notifications:pause', { minutes: 60 });
    expect(h.controller.snapshot().notificationsPausedUntil).toBe(clock.now() + 3_600_000);
    await addSimTask(h);
    await until(() => h.finished.length === 1, 'finished');
    await clock.advance(5_000);
    expect(h.notifications).toEqual([]);
  });

  it('runs the demo on its own key without storing it in the keychain', async () => {
    const h = await start({ key: null, demo: true });
    expect(await h.invoke('demo:start', undefined)).toEqual({ ok: true, value: undefined });
    const snapshot = h.controller.snapshot();
    expect(snapshot.demo).toBe(true);
    expect(snapshot.problem).toBeUndefined();
    expect(await h.keyStore.get()).toBeUndefined();
    await addSimTask(h);
    await until(() => only(h).state === 'done', 'demo task done');
  });

  it('shows the demo scenario tasks live and never persists them', async () => {
    const demo = createSimDemo({ now: () => clock.now() });
    try {
      const store = createMemoryStore({ settings: { autoDownload: false } });
      const controller = await createAppController({
        clock,
        fetch,
        keyStore: createMemoryKeyStore(),
        store,
        platform: createRecordingPlatform(),
        startDemo: () => demo.startDemo(),
      });
      controllers.push(controller);
      await controller.handlers['demo:start']();
      expect(controller.snapshot().tasks.length).toBeGreaterThanOrEqual(3);
      await until(() => controller.snapshot().counts.done > 0, 'a demo task done');
      await controller.shutdown();
      expect(store.savedTasks()).toEqual([]);
    } finally {
      await demo.stop();
    }
  });

  it('reports offline as the problem and checks again when back online', async () => {
    const h = await start();
    h.controller.setOnline(false);
    expect(h.controller.snapshot().problem?.kind).toBe('offline');
    h.controller.setOnline(true);
    expect(h.controller.snapshot().problem).toBeUndefined();
  });
});
