// The Electron-free heart of the tray app: wires tracker, scheduler and the app's parts, serves every IPC channel.
import type { Clock } from '../clock';
import { parseTaskInput } from '../input/parse-task-input';
import type { Logger } from '../log/logger';
import { describeError } from '../rodin/describe-error';
import { createDurationModel, type DurationModel } from '../scheduler/duration-model';
import { createScheduler } from '../scheduler/scheduler';
import { isFinished, type Task } from '../tasks/task';
import { taskIdOf } from '../tasks/task-id';
import { createTaskTracker } from '../tasks/task-tracker';
import type { IpcHandlers } from '../../shared/ipc';
import { AppError } from './app-error';
import { buildSnapshot } from './build-snapshot';
import { isAllowedExternalUrl } from './external-url';
import { createKeyActions } from './key-actions';
import { createListeners } from './listeners';
import { createNotificationBuffer } from './notification-buffer';
import { createNotificationPause } from './notification-pause';
import { createRemovalUndo } from './removal-undo';
import { createRodinConnection, type DemoConnection } from './rodin-connection';
import { createSettingsActions, loadSettings } from './settings-actions';
import { createSnapshotEmitter } from './snapshot-emitter';
import { createTaskDownloads } from './task-downloads';
import { taskModelFile } from './task-model-file';
import { createTaskPersistence } from './task-persistence';
import type { AppController, AppStore, FinishedEvent, KeyStore, Platform } from './types';
import { onlyGiven, validatedHandler as handle } from './validated-handler';

export type { DemoConnection } from './rodin-connection';
export { UNDO_WINDOW_MS } from './removal-undo';
export { SNAPSHOT_COALESCE_MS } from './snapshot-emitter';
export { NOTIFY_COALESCE_MS } from './notification-buffer';

export interface AppControllerDeps {
  clock: Clock;
  fetch: typeof fetch;
  keyStore: KeyStore;
  store: AppStore;
  platform: Platform;
  logger?: Logger;
  startDemo?: () => Promise<DemoConnection>;
}

export async function createAppController(deps: AppControllerDeps): Promise<AppController> {
  const { clock, store, platform, logger } = deps;
  const notices = [...store.notices()];
  const initialSettings = loadSettings(store, notices);
  const settings = () => settingsActions.current();

  const tracker = createTaskTracker({ clock, tasks: store.loadTasks(), historySize: initialSettings.historySize });
  // Loaded tasks had their chance to be seen and notified before the restart: never notify them now.
  for (const task of tracker.list())
    if (isFinished(task.state) && !task.notified) tracker.markNotified(task.subscriptionKey);

  const connection = createRodinConnection({
    fetch: deps.fetch,
    tracker,
    baseUrl: () => settings().baseUrl,
    getApiKey: () => keys.getApiKey(),
  });
  const learned = createDurationModel(store.loadSchedulerState?.());
  // The demo's simulated tasks take seconds: learning from them would mislead polling of real tasks later.
  const durationModel: DurationModel = {
    ...learned,
    recordGeneration: (tier, ms) => {
      if (!connection.isDemo()) learned.recordGeneration(tier, ms);
    },
    recordQueuePosition: (ms) => {
      if (!connection.isDemo()) learned.recordQueuePosition(ms);
    },
  };
  const scheduler = createScheduler({
    clock,
    // A proxy, so a new base URL or a demo switch applies without rebuilding the scheduler.
    client: { status: (key, options) => connection.client().status(key, options) },
    tracker,
    budgetPerMinute: initialSettings.pollBudgetPerMinute,
    durationModel,
    onError: (error) => logger?.debug('Status check failed', describeError(error)),
  });
  const snapshots = createSnapshotEmitter({ clock, snapshot: () => controller.snapshot() });
  const changed = () => snapshots.changed();
  const keys = createKeyActions({
    clock,
    keyStore: deps.keyStore,
    connection,
    keyChanged: () => scheduler.keyChanged(),
    changed,
  });
  const settingsActions = createSettingsActions({
    initial: initialSettings,
    store,
    platform,
    tracker,
    scheduler,
    connection,
    keys,
    changed,
  });
  await keys.load();

  const persistence = createTaskPersistence({
    clock,
    store,
    tracker,
    isDemoTask: (key) => connection.isDemoTask(key),
    schedulerState: () => learned.toJSON(),
  });
  const downloads = createTaskDownloads({
    clock,
    fetch: deps.fetch,
    tracker,
    client: () => connection.client(),
    settings,
    platform,
    logger,
  });
  const removals = createRemovalUndo({ clock, tracker, abortDownload: (key) => downloads.abort(key) });
  const pause = createNotificationPause({ clock, changed });
  const notifications = createNotificationBuffer({ clock, tracker, settings, pausedUntil: () => pause.until() });
  const finishedListeners = createListeners<FinishedEvent>();
  let shutDown = false;

  tracker.on('added', () => {
    persistence.saveSoon();
    changed();
  });
  tracker.on('removed', () => {
    persistence.saveSoon();
    changed();
  });
  tracker.on('changed', (task, previous) => {
    // A status answer proves the key works, whatever a lone balance call said earlier.
    if (task.lastPolledAt !== previous.lastPolledAt) keys.keyWorks();
    persistence.saveSoon();
    changed();
  });
  tracker.on('finished', (task) => {
    if (!task.finishedWhenAdded) {
      finishedListeners.emit({ task });
      notifications.add(task.subscriptionKey);
    }
    downloads.autoDownload(task);
  });
  scheduler.onStatus(() => changed());

  downloads.resumeInterrupted();

  function taskById(id: string): Task {
    const task = tracker.getById(id);
    if (!task) throw new AppError('NOT_FOUND', 'That task is no longer in the list.');
    return task;
  }

  const handlers: IpcHandlers = {
    'app:get-snapshot': handle('app:get-snapshot', () => controller.snapshot()),

    'tasks:add-text': handle('tasks:add-text', ({ text }) => {
      const parsed = parseTaskInput(text);
      const added: { id: string; label: string }[] = [];
      const duplicates: { id: string; label: string }[] = [];
      for (const input of parsed.tasks) {
        const result = tracker.add(input);
        const entry = { id: taskIdOf(result.task.subscriptionKey), label: result.task.label };
        (result.added ? added : duplicates).push(entry);
      }
      return { added, duplicates, rejected: parsed.rejected };
    }),

    'tasks:remove': handle('tasks:remove', ({ id }) => {
      removals.remove(id, taskById(id));
    }),
    'tasks:undo-remove': handle('tasks:undo-remove', ({ id }) => {
      removals.undo(id);
    }),

    'tasks:rename': handle('tasks:rename', ({ id, label }) => {
      tracker.rename(taskById(id).subscriptionKey, label);
    }),

    'tasks:retry-now': handle('tasks:retry-now', ({ id }) => {
      scheduler.checkTask(taskById(id).subscriptionKey);
    }),

    'tasks:download': handle('tasks:download', ({ id }) => {
      downloads.request(taskById(id));
    }),

    'tasks:open-folder': handle('tasks:open-folder', async ({ id }) => {
      const folder = taskById(id).download?.folder;
      if (!folder) throw new AppError('NOT_DOWNLOADED', 'Nothing has been downloaded for this task yet.');
      await platform.openPath(folder);
    }),

    'tasks:copy': handle('tasks:copy', async ({ id, what }) => {
      const task = taskById(id);
      if (what === 'subscription-key') {
        platform.copyText(task.subscriptionKey);
        return;
      }
      if (what === 'model-path') {
        platform.copyText(await taskModelFile(task));
        return;
      }
      if (!task.taskUuid) throw new AppError('NO_TASK_UUID', 'This task has no task UUID to copy.');
      platform.copyText(task.taskUuid);
    }),

    'tasks:open-model': handle('tasks:open-model', async ({ id }) => {
      await platform.openPath(await taskModelFile(taskById(id)));
    }),
    'tasks:show-model': handle('tasks:show-model', async ({ id }) => {
      platform.showItemInFolder(await taskModelFile(taskById(id)));
    }),
    'tasks:drag-model': handle('tasks:drag-model', async ({ id }) => {
      platform.startDrag(await taskModelFile(taskById(id)));
    }),

    'tasks:mark-seen': handle('tasks:mark-seen', ({ ids }) => {
      let any = false;
      for (const id of ids) {
        const task = tracker.getById(id);
        if (task && tracker.markSeen(task.subscriptionKey)) any = true;
      }
      if (any) changed();
    }),

    'polling:pause': handle('polling:pause', () => {
      scheduler.pause();
      changed();
    }),
    'polling:resume': handle('polling:resume', () => {
      scheduler.resume();
      changed();
    }),
    'polling:check-now': handle('polling:check-now', () => {
      scheduler.checkNow();
      changed();
    }),

    'key:set': handle('key:set', ({ key }) => keys.set(key)),
    'key:clear': handle('key:clear', () => keys.clear()),
    'balance:refresh': handle('balance:refresh', async () => ({ balance: await keys.refreshBalance() })),

    'settings:update': handle('settings:update', (patch, raw) => settingsActions.update(onlyGiven(patch, raw))),

    'settings:choose-download-folder': handle('settings:choose-download-folder', async () => {
      const folder = await platform.chooseFolder();
      if (folder) settingsActions.update({ downloadFolder: folder });
      return folder;
    }),

    'notifications:pause': handle('notifications:pause', ({ minutes }) => pause.pause(minutes)),
    'notifications:resume': handle('notifications:resume', () => pause.resume()),

    'demo:start': handle('demo:start', async () => {
      if (connection.isDemo()) return;
      if (!deps.startDemo) throw new AppError('DEMO_UNAVAILABLE', 'The demo is not available in this build.');
      connection.enterDemo(await deps.startDemo());
      keys.forgetVerdict();
      scheduler.keyChanged();
      scheduler.checkNow();
      void keys.refreshBalance().catch(() => undefined);
      changed();
    }),

    'window:hide': handle('window:hide', () => {
      platform.hideWindow();
    }),

    'shell:open-external': handle('shell:open-external', async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw new AppError('NOT_ALLOWED', 'Only https links to Hyper3D sites can be opened from the app.');
      }
      await platform.openExternal(url);
    }),
  };

  const controller: AppController = {
    handlers,

    snapshot: () => {
      const pausedUntil = pause.until();
      return buildSnapshot({
        tasks: tracker.list(),
        polling: scheduler.status(),
        ...keys.view(),
        settings: settings(),
        notices,
        now: clock.now(),
        demo: connection.isDemo(),
        ...(pausedUntil !== undefined ? { notificationsPausedUntil: pausedUntil } : {}),
        unseen: new Set(tracker.list().flatMap((task) => (task.unseen ? [task.subscriptionKey] : []))),
        previewUrl: (taskId, file) => platform.previewUrl(taskId, file),
      });
    },

    onSnapshot: (listener) => snapshots.onSnapshot(listener),
    onFinished: (listener) => finishedListeners.add(listener),
    onNotify: (listener) => notifications.onNotify(listener),

    setOnline(online) {
      scheduler.setOnline(online);
      changed();
    },
    suspend() {
      scheduler.suspend();
      changed();
    },
    resume() {
      scheduler.wake();
      changed();
    },

    shutdown() {
      if (shutDown) return Promise.resolve();
      shutDown = true;
      scheduler.stop();
      notifications.stop();
      snapshots.stop();
      pause.stop();
      removals.stop();
      downloads.abortAll();
      persistence.saveNowAndStop();
      return Promise.resolve();
    },
  };

  scheduler.start();
  if (keys.getApiKey()) void keys.refreshBalance().catch(() => undefined);
  return controller;
}
