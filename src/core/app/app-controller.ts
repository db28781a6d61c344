// The Electron-free heart of the tray app: wires tracker, scheduler and the app's parts, serves every IPC channel.
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { describeError } from '../rodin/describe-error';
import { createDurationModel, type DurationModel } from '../scheduler/duration-model';
import { createScheduler } from '../scheduler/scheduler';
import { isFinished } from '../tasks/task';
import { createTaskTracker } from '../tasks/task-tracker';
import { DEFAULT_DOWNLOAD_LIMITS } from '../download/downloader';
import { createTaskDownloads } from '../download/task-downloads';
import { createStoredFolders } from '../download/stored-folders';
import { taskFolderName } from '../download/task-folder';
import { buildSnapshot } from './build-snapshot';
import { createGenerationActions, type ClipboardContent } from './generation-actions';
import { createIpcHandlers } from './ipc-handlers';
import { createKeyActions } from './key-actions';
import { createListeners } from './listeners';
import { createNotificationBuffer } from './notification-buffer';
import { createNotificationPause } from './notification-pause';
import { createRemovalUndo } from './removal-undo';
import { createRodinConnection, type DemoConnection } from './rodin-connection';
import { createSettingsActions, loadSettings } from './settings-actions';
import { createSnapshotEmitter } from './snapshot-emitter';
import { followTaskEvents } from './task-events';
import { createTaskIntake } from './task-intake';
import { createTaskPersistence } from './task-persistence';
import type { KeyStore } from '../secrets/key-store';
import type { AppController, AppStore, FinishedEvent, Platform } from './types';

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
  const durationModel = learningOnlyFromRealTasks(learned, () => connection.isDemo());
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

  followTaskEvents({ tracker, persistence, keys, finishedListeners, notifications, downloads, changed });
  scheduler.onStatus(() => changed());

  downloads.resumeInterrupted();
  const storedFolders = createStoredFolders({ tracker, roots: downloadRoots });
  // The store is a file anyone with the user's rights can edit: paths read back are checked before use.
  void storedFolders.verifyAll();

  const intake = createTaskIntake({ tracker, maxActiveTasks: () => settings().maxActiveTasks, platform });
  const handlers = createIpcHandlers({
    tracker,
    scheduler,
    connection,
    keys,
    settings: settingsActions,
    intake,
    removals,
    downloads,
    storedFolders,
    pause,
    generations,
    platform,
    ...(deps.startDemo ? { startDemo: deps.startDemo } : {}),
    snapshot: () => controller.snapshot(),
    changed,
  });

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

    addFromLink: (url) => intake.addFromLink(url),

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

/** The demo's simulated tasks take seconds: learning from them would mislead polling of real tasks later. */
function learningOnlyFromRealTasks(learned: DurationModel, isDemo: () => boolean): DurationModel {
  return {
    ...learned,
    recordGeneration: (tier, ms) => {
      if (!isDemo()) learned.recordGeneration(tier, ms);
    },
    recordQueuePosition: (ms) => {
      if (!isDemo()) learned.recordQueuePosition(ms);
    },
  };
}
