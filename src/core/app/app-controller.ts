// The Electron-free heart of the tray app: wires tracker, scheduler and the app's parts, serves every IPC channel.
import { join } from 'node:path';
import type { Clock } from '../clock';
import { parseTaskInput, parseTaskLink } from '../input/parse-task-input';
import type { Logger } from '../log/logger';
import { describeError } from '../rodin/describe-error';
import { createDurationModel, type DurationModel } from '../scheduler/duration-model';
import { createScheduler } from '../scheduler/scheduler';
import { defaultLabel, isFinished, type Task, type TaskInput } from '../tasks/task';
import { taskIdOf } from '../tasks/task-id';
import { createTaskTracker } from '../tasks/task-tracker';
import { DEFAULT_DOWNLOAD_LIMITS } from '../download/downloader';
import { createTaskDownloads, NO_TASK_UUID } from '../download/task-downloads';
import { createStoredFolders, FILES_MISSING } from '../download/stored-folders';
import { taskFolderName } from '../download/task-folder';
import type { AddTasksResult, IpcHandlers } from '../../shared/ipc';
import { AppError } from './app-error';
import { buildSnapshot } from './build-snapshot';
import { createGenerationActions, type ClipboardContent } from './generation-actions';
import { createKeyActions } from './key-actions';
import { linkQuestion } from './link-question';
import { createListeners } from './listeners';
import { createNotificationBuffer } from './notification-buffer';
import { createNotificationPause } from './notification-pause';
import { createRemovalUndo, UNDO_WINDOW_MS } from './removal-undo';
import { createRodinConnection, type DemoConnection } from './rodin-connection';
import { createSettingsActions, loadSettings } from './settings-actions';
import { createSnapshotEmitter } from './snapshot-emitter';
import { taskModelFile } from './task-model-file';
import { createTaskPersistence } from './task-persistence';
import type { KeyStore } from '../secrets/key-store';
import type { AppController, AppStore, FinishedEvent, Platform } from './types';
import { onlyGiven, validatedHandler as handle } from './validated-handler';

export type { DemoConnection } from './rodin-connection';
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
    getApiKey: (origin) => keys.keyFor(origin),
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
    platform,
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
  const downloadRoot = () => settings().downloadFolder.trim() || platform.defaultDownloadRoot();
  // Results written before the folder setting changed still count: they are under the default or the chosen one.
  const downloadRoots = () => [...new Set([downloadRoot(), platform.defaultDownloadRoot()])];
  const downloads = createTaskDownloads({
    clock,
    fetch: deps.fetch,
    tracker,
    client: () => connection.client(),
    folderFor: (task) => join(downloadRoot(), taskFolderName(task)),
    autoDownload: () => settings().autoDownload,
    limits: () => ({ ...DEFAULT_DOWNLOAD_LIMITS, maxTaskBytes: settings().downloadLimitGiB * 1024 ** 3 }),
    logger,
  });
  const generations = createGenerationActions({ tracker, connection, keys, settings: settingsActions });
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
  const storedFolders = createStoredFolders({ tracker, roots: downloadRoots });
  // The store is a file anyone with the user's rights can edit: paths read back are checked before use.
  void storedFolders.verifyAll();

  /** Adds what is new, up to the active-task cap; what the cap keeps out is said in `rejected`. */
  function addInputs(inputs: readonly TaskInput[], rejected: string[]): AddTasksResult {
    const added: { id: string; label: string }[] = [];
    const duplicates: { id: string; label: string }[] = [];
    const limit = settings().maxActiveTasks;
    let active = tracker.active().length;
    let capped = 0;
    for (const input of inputs) {
      if (!tracker.get(input.subscriptionKey) && active >= limit) {
        capped++;
        continue;
      }
      const result = tracker.add(input);
      if (result.added) active++;
      const entry = { id: taskIdOf(result.task.subscriptionKey), label: result.task.label };
      (result.added ? added : duplicates).push(entry);
    }
    if (capped > 0) {
      rejected = [
        ...rejected,
        `${capped} task${capped === 1 ? ' was' : 's were'} not added: already watching ${limit} unfinished tasks, the most allowed (Settings → Checking).`,
      ];
    }
    return { added, duplicates, rejected };
  }

  function taskById(id: string): Task {
    const task = tracker.getById(id);
    if (!task) throw new AppError('NOT_FOUND', 'That task is no longer in the list.');
    return task;
  }

  /** The model's path, only from a stored folder that still checks out under the download roots. */
  async function modelFileOf(task: Task): Promise<string> {
    return taskModelFile(task, await storedFolders.verify(task));
  }

  const handlers: IpcHandlers = {
    'app:get-snapshot': handle('app:get-snapshot', () => controller.snapshot()),

    'tasks:add-text': handle('tasks:add-text', ({ text }) => {
      const parsed = parseTaskInput(text);
      return addInputs(parsed.tasks, parsed.rejected);
    }),

    'tasks:remove': handle('tasks:remove', ({ id }) => {
      removals.remove(id, taskById(id));
      return { undoMs: UNDO_WINDOW_MS };
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
      const task = taskById(id);
      if (task.state !== 'done') throw new AppError('NOT_DONE', 'Results can be downloaded once the task is done.');
      if (!task.taskUuid) throw new AppError('NO_TASK_UUID', NO_TASK_UUID);
      downloads.request(task.subscriptionKey);
    }),

    'tasks:open-folder': handle('tasks:open-folder', async ({ id }) => {
      const task = taskById(id);
      if (!task.download?.folder)
        throw new AppError('NOT_DOWNLOADED', 'Nothing has been downloaded for this task yet.');
      const folder = await storedFolders.verify(task);
      if (!folder) throw new AppError('FILES_MISSING', FILES_MISSING);
      await platform.openPath(folder);
    }),

    'tasks:copy': handle('tasks:copy', async ({ id, what }) => {
      const task = taskById(id);
      if (what === 'subscription-key') {
        platform.copyText(task.subscriptionKey);
        return;
      }
      if (what === 'model-path') {
        platform.copyText(await modelFileOf(task));
        return;
      }
      if (!task.taskUuid) throw new AppError('NO_TASK_UUID', 'This task has no task UUID to copy.');
      platform.copyText(task.taskUuid);
    }),

    'tasks:open-model': handle('tasks:open-model', async ({ id }) => {
      await platform.openPath(await modelFileOf(taskById(id)));
    }),
    'tasks:show-model': handle('tasks:show-model', async ({ id }) => {
      platform.showItemInFolder(await modelFileOf(taskById(id)));
    }),
    'tasks:drag-model': handle('tasks:drag-model', async ({ id }) => {
      platform.startDrag(await modelFileOf(taskById(id)));
    }),

    'tasks:mark-seen': handle('tasks:mark-seen', ({ ids }) => {
      let any = false;
      for (const id of ids) {
        const task = tracker.getById(id);
        if (!task || !tracker.markSeen(task.subscriptionKey)) continue;
        any = true;
        // A link-added task held its download back until now.
        if (task.fromLink) downloads.autoDownload(tracker.get(task.subscriptionKey) ?? task);
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

    'generation:submit': handle('generation:submit', (request) => generations.submit(request)),
    'generation:take-draft': handle('generation:take-draft', () => generations.takeDraft()),

    'window:hide': handle('window:hide', () => {
      platform.hideWindow();
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
        previewUrl: (taskId, folder, file) => platform.previewUrl(taskId, folder, file),
      });
    },

    onSnapshot: (listener) => snapshots.onSnapshot(listener),
    draftGenerationFromClipboard: (clip: ClipboardContent) => generations.draftFromClipboard(clip),
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

    downloadRoots,

    async addFromLink(url) {
      const parsed = parseTaskLink(url);
      const fresh = parsed.tasks.filter((input) => !tracker.get(input.subscriptionKey));
      if (fresh.length === 0) return addInputs(parsed.tasks, parsed.rejected);
      const labels = fresh.map((input) => input.label ?? defaultLabel(input));
      if (!(await platform.confirm(linkQuestion(labels)))) {
        return { added: [], duplicates: [], rejected: ['You chose not to add the tasks from the link.'] };
      }
      return addInputs(
        parsed.tasks.map((input) => ({ ...input, fromLink: true })),
        parsed.rejected,
      );
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
  // A base URL whose host is not the key's (changed, or a settings file edited behind the app's back): ask first.
  else void keys.confirmOrigin();
  return controller;
}
