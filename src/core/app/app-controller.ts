// The Electron-free heart of the tray app: owns client, tracker and scheduler, serves every IPC channel, emits snapshots.
import { join } from 'node:path';
import type { z } from 'zod';
import type { Clock, TimerHandle } from '../clock';
import { downloadTaskResults } from '../download/downloader';
import { safeFileName } from '../download/safe-file-name';
import { parseTaskInput } from '../input/parse-task-input';
import type { Logger } from '../log/logger';
import { decideFinishNotifications } from '../notify/finish-notifications';
import { normalizeBaseUrl } from '../rodin/base-url';
import { createRodinClient } from '../rodin/client';
import { describeError } from '../rodin/describe-error';
import { AuthError, RodinError, UsageError } from '../rodin/errors';
import { DEFAULT_BASE_URL, type RodinClient } from '../rodin/types';
import { createScheduler } from '../scheduler/scheduler';
import { keyHint, validateApiKey } from '../secrets/api-key';
import { isFinished, type Task, type TaskDownload, type TaskInput } from '../tasks/task';
import { taskIdOf } from '../tasks/task-id';
import { createTaskTracker } from '../tasks/task-tracker';
import type { IpcChannel, IpcHandlers, IpcRequest, IpcResponse } from '../../shared/ipc';
import { settingsSchema, type Settings } from '../../shared/settings';
import type { AppSnapshot, KeyStatus } from '../../shared/snapshot';
import { AppError } from './app-error';
import { buildSnapshot } from './build-snapshot';
import { isAllowedExternalUrl } from './external-url';
import { ipcSchemas } from './ipc-schemas';
import type { AppController, AppNotification, AppStore, FinishedEvent, KeyStore, Platform } from './types';

/** How long a removed task can be brought back with "Undo". */
export const UNDO_WINDOW_MS = 10_000;
/** Snapshots are pushed at most this often: a burst of changes becomes one push. */
export const SNAPSHOT_COALESCE_MS = 100;
/** Finishes within this window are judged together (three or more become one summary). */
export const NOTIFY_COALESCE_MS = 1_500;
/** Task writes are gathered for this long before reaching the store (which may debounce further). */
const PERSIST_COALESCE_MS = 250;
/** Download progress is written into the task at most this often. */
const PROGRESS_INTERVAL_MS = 250;

export interface DemoConnection {
  baseUrl: string;
  apiKey: string;
  /** Tasks the demo service knows about, to watch at once (kept in memory, never persisted). */
  tasks?: TaskInput[];
}

export interface AppControllerDeps {
  clock: Clock;
  fetch: typeof fetch;
  keyStore: KeyStore;
  store: AppStore;
  platform: Platform;
  logger?: Logger;
  startDemo?: () => Promise<DemoConnection>;
}

type Handler<C extends IpcChannel> = (request: IpcRequest<C>) => Promise<IpcResponse<C>>;

export async function createAppController(deps: AppControllerDeps): Promise<AppController> {
  const { clock, store, platform, keyStore, logger } = deps;
  const notices = [...store.notices()];

  let settings: Settings = loadSettings();
  let apiKey: string | undefined;
  let keyStatus: KeyStatus = { present: false, source: 'none' };
  let keychainProblem: string | undefined;
  let keyRejected = false;
  let balance: { credits: number; at: number } | undefined;
  let demo: { apiKey: string; baseUrl: string; keys: Set<string> } | undefined;
  let notificationsPausedUntil: number | undefined;
  let shutDown = false;

  await loadKey();

  let client = makeClient(settings.baseUrl);
  const tracker = createTaskTracker({ clock, tasks: store.loadTasks(), historySize: settings.historySize });
  // Loaded tasks had their chance to be seen and notified before the restart: never notify them now.
  for (const task of tracker.list())
    if (isFinished(task.state) && !task.notified) tracker.markNotified(task.subscriptionKey);

  const scheduler = createScheduler({
    clock,
    // A proxy, so a new base URL or a demo switch applies without rebuilding the scheduler.
    client: { status: (key, options) => client.status(key, options) },
    tracker,
    budgetPerMinute: settings.pollBudgetPerMinute,
    onError: (error) => logger?.debug('Status check failed', describeError(error)),
  });

  const unseen = new Set<string>();
  const removed = new Map<string, { task: Task; timer: TimerHandle }>();
  const downloads = new Map<string, AbortController>();
  const snapshotListeners = new Set<(snapshot: AppSnapshot) => void>();
  const finishedListeners = new Set<(event: FinishedEvent) => void>();
  const notifyListeners = new Set<(notification: AppNotification) => void>();
  let snapshotTimer: TimerHandle | undefined;
  let persistTimer: TimerHandle | undefined;
  let notifyTimer: TimerHandle | undefined;
  let pauseTimer: TimerHandle | undefined;
  let finishedBurst: string[] = [];

  function loadSettings(): Settings {
    const loaded = settingsSchema.safeParse(store.loadSettings());
    const value = loaded.success ? loaded.data : settingsSchema.parse({});
    try {
      value.baseUrl = normalizeBaseUrl(value.baseUrl);
    } catch {
      notices.push(`The saved Rodin base URL could not be used, so ${DEFAULT_BASE_URL} is used instead.`);
      value.baseUrl = DEFAULT_BASE_URL;
    }
    return value;
  }

  async function loadKey(): Promise<void> {
    try {
      apiKey = await keyStore.get();
      keychainProblem = undefined;
    } catch (error) {
      apiKey = undefined;
      keychainProblem = `The system keychain could not be read (${error instanceof Error ? error.name : 'error'}); set the key again to keep it for this session.`;
    }
    try {
      keyStatus = await keyStore.status();
    } catch {
      keyStatus = apiKey
        ? { present: true, source: 'memory', hint: keyHint(apiKey) }
        : { present: false, source: 'none' };
    }
  }

  function currentKey(): string | undefined {
    return demo ? demo.apiKey : apiKey;
  }

  function makeClient(baseUrl: string, getApiKey: () => string | undefined = currentKey): RodinClient {
    return createRodinClient({ baseUrl, fetch: deps.fetch, getApiKey });
  }

  // ——— change propagation ———

  function changed(): void {
    if (shutDown || snapshotTimer !== undefined) return;
    snapshotTimer = clock.setTimeout(() => {
      snapshotTimer = undefined;
      const snapshot = controller.snapshot();
      for (const listener of [...snapshotListeners]) listener(snapshot);
    }, SNAPSHOT_COALESCE_MS);
  }

  function persistableTasks(): Task[] {
    const tasks = tracker.toJSON();
    return demo ? tasks.filter((t) => !demo!.keys.has(t.subscriptionKey)) : tasks;
  }

  function persistSoon(): void {
    if (shutDown || persistTimer !== undefined) return;
    persistTimer = clock.setTimeout(() => {
      persistTimer = undefined;
      store.saveTasks(persistableTasks());
    }, PERSIST_COALESCE_MS);
  }

  tracker.on('added', () => {
    persistSoon();
    changed();
  });
  tracker.on('removed', (task) => {
    unseen.delete(task.subscriptionKey);
    persistSoon();
    changed();
  });
  tracker.on('changed', (task, previous) => {
    // A status answer proves the key works, whatever a lone balance call said earlier.
    if (task.lastPolledAt !== previous.lastPolledAt) keyRejected = false;
    persistSoon();
    changed();
  });
  tracker.on('finished', (task) => onTaskFinished(task));
  scheduler.onStatus(() => changed());

  // ——— finishes: notify, auto-download ———

  function onTaskFinished(task: Task): void {
    unseen.add(task.subscriptionKey);
    if (!task.finishedWhenAdded) {
      for (const listener of [...finishedListeners]) listener({ task });
      finishedBurst.push(task.subscriptionKey);
      notifyTimer ??= clock.setTimeout(flushNotifications, NOTIFY_COALESCE_MS);
    }
    if (task.state === 'done' && settings.autoDownload && task.download?.status !== 'done') {
      void startDownload(task.subscriptionKey).catch(() => undefined);
    }
  }

  function flushNotifications(): void {
    notifyTimer = undefined;
    const keys = finishedBurst;
    finishedBurst = [];
    const tasks = keys.map((key) => tracker.get(key)).filter((t): t is Task => t !== undefined);
    const notifications = decideFinishNotifications(
      { finished: tasks, settings, pausedUntil: notificationsPausedUntil, now: clock.now() },
      (task) => taskIdOf(task.subscriptionKey),
    );
    // Marked even when silenced (paused, toggled off): "notified" means "never raise this one again".
    for (const task of tasks) tracker.markNotified(task.subscriptionKey);
    for (const notification of notifications) for (const listener of [...notifyListeners]) listener(notification);
  }

  // ——— downloads ———

  function downloadRoot(): string {
    return settings.downloadFolder.trim() || platform.defaultDownloadRoot();
  }

  function setDownload(key: string, download: TaskDownload): void {
    if (tracker.get(key)) tracker.setDownload(key, download);
  }

  /** Resolves when the download ends; rejects with an AppError/RodinError (already recorded on the task). */
  async function startDownload(key: string): Promise<void> {
    if (downloads.has(key)) return;
    const task = tracker.get(key);
    if (!task) throw new AppError('NOT_FOUND', 'That task is no longer in the list.');
    if (!task.taskUuid) {
      const message =
        'This task has no task UUID, so its results cannot be fetched; add it from the generation response instead.';
      setDownload(key, { status: 'failed', error: message });
      throw new AppError('NO_TASK_UUID', message);
    }
    const id = taskIdOf(key);
    const name = safeFileName(`${task.label}-${id.slice(0, 8)}`, new Set());
    const folder = join(downloadRoot(), name);
    const abort = new AbortController();
    downloads.set(key, abort);
    setDownload(key, { status: 'downloading', folder, receivedBytes: 0 });
    let lastProgressAt = Number.NEGATIVE_INFINITY;
    const perFile = new Map<number, { received: number; total: number | undefined }>();
    try {
      const result = await downloadTaskResults({
        client: { downloadList: (uuid, options) => client.downloadList(uuid, options) },
        fetch: deps.fetch,
        taskUuid: task.taskUuid,
        folder,
        signal: abort.signal,
        onProgress: (progress) => {
          // The downloader counts per file; the window shows the whole task.
          perFile.set(progress.fileIndex, { received: progress.receivedBytes, total: progress.totalBytes });
          const now = clock.now();
          if (now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
          lastProgressAt = now;
          const files = [...perFile.values()];
          const download: TaskDownload = {
            status: 'downloading',
            folder,
            receivedBytes: files.reduce((sum, f) => sum + f.received, 0),
          };
          if (perFile.size === progress.fileCount && files.every((f) => f.total !== undefined)) {
            download.totalBytes = files.reduce((sum, f) => sum + (f.total ?? 0), 0);
          }
          setDownload(key, download);
        },
      });
      const done: TaskDownload = {
        status: 'done',
        folder: result.folder,
        files: result.files,
        finishedAt: clock.now(),
      };
      if (result.previewFile) done.previewFile = result.previewFile;
      setDownload(key, done);
    } catch (error) {
      const message = error instanceof RodinError ? describeError(error) : downloadErrorMessage(error);
      if (!abort.signal.aborted) setDownload(key, { status: 'failed', folder, error: message });
      logger?.warn('Download failed', message);
      throw error;
    } finally {
      downloads.delete(key);
    }
  }

  function downloadErrorMessage(error: unknown): string {
    if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') return error.message;
    return 'The download failed; try again.';
  }

  // A download cut short by a quit resumes (auto-download) or is reported, never left "downloading" forever.
  for (const task of tracker.list()) {
    const status = task.download?.status;
    if (status !== 'downloading' && status !== 'pending') continue;
    if (task.state === 'done' && settings.autoDownload) void startDownload(task.subscriptionKey).catch(() => undefined);
    else
      setDownload(task.subscriptionKey, { ...task.download, status: 'failed', error: 'The download was interrupted.' });
  }

  // ——— key and balance ———

  async function refreshBalance(): Promise<number> {
    if (!currentKey()) throw new AppError('NO_KEY', 'Set your Rodin API key first.');
    try {
      const credits = await client.checkBalance();
      balance = { credits, at: clock.now() };
      keyRejected = false;
      return credits;
    } catch (error) {
      if (error instanceof AuthError) keyRejected = true;
      throw error;
    } finally {
      changed();
    }
  }

  function leaveDemo(): void {
    if (!demo) return;
    const keys = demo.keys;
    demo = undefined;
    for (const key of keys) tracker.remove(key);
    client = makeClient(settings.baseUrl);
  }

  async function setKey(raw: string): Promise<{ balance: number }> {
    let candidate: string;
    try {
      candidate = validateApiKey(raw);
    } catch (error) {
      throw new AppError('INVALID_KEY', error instanceof UsageError ? error.message : 'That API key cannot be used.');
    }
    // Verify before storing: a rejected key must never replace a working one.
    const probe = makeClient(settings.baseUrl, () => candidate);
    let credits: number;
    try {
      credits = await probe.checkBalance();
    } catch (error) {
      if (error instanceof AuthError) {
        throw new AppError('UNAUTHORIZED', 'Rodin rejected this API key, so it was not saved; check it and try again.');
      }
      const reason = error instanceof RodinError ? describeError(error) : 'The key could not be checked.';
      throw new AppError(error instanceof RodinError ? error.code : 'INTERNAL', `The key was not saved. ${reason}`);
    }
    await keyStore.set(candidate);
    leaveDemo();
    apiKey = candidate;
    keychainProblem = undefined;
    try {
      keyStatus = await keyStore.status();
    } catch {
      keyStatus = { present: true, source: 'memory', hint: keyHint(candidate) };
    }
    keyRejected = false;
    balance = { credits, at: clock.now() };
    scheduler.keyChanged();
    changed();
    return { balance: credits };
  }

  async function clearKey(): Promise<void> {
    await keyStore.clear();
    leaveDemo();
    apiKey = undefined;
    balance = undefined;
    keyRejected = false;
    try {
      keyStatus = await keyStore.status();
    } catch {
      keyStatus = { present: false, source: 'none' };
    }
    // An env key (RODIN_API_KEY) survives a clear of the keychain: keep using whatever the store still gives.
    if (keyStatus.present) await loadKey();
    scheduler.keyChanged();
    changed();
  }

  // ——— settings ———

  function updateSettings(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...settings, ...patch });
    if (next.baseUrl !== settings.baseUrl) {
      try {
        next.baseUrl = normalizeBaseUrl(next.baseUrl);
      } catch (error) {
        throw new AppError(
          'INVALID_SETTING',
          error instanceof UsageError ? error.message : 'That base URL is not usable.',
        );
      }
    }
    const previous = settings;
    settings = next;
    store.saveSettings(next);
    if (next.baseUrl !== previous.baseUrl && !demo) {
      client = makeClient(next.baseUrl);
      balance = undefined;
      keyRejected = false;
      // Another service may accept the key the previous one refused.
      scheduler.keyChanged();
      scheduler.checkNow();
      if (currentKey()) void refreshBalance().catch(() => undefined);
    }
    if (next.pollBudgetPerMinute !== previous.pollBudgetPerMinute) scheduler.setBudget(next.pollBudgetPerMinute);
    if (next.historySize !== previous.historySize) tracker.setHistorySize(next.historySize);
    if (next.launchAtLogin !== previous.launchAtLogin) platform.setLaunchAtLogin(next.launchAtLogin);
    changed();
    return { ...next };
  }

  // ——— handlers ———

  /** zod's `.partial()` keeps field defaults, so a parsed patch holds every field: keep only those actually sent. */
  function onlyGiven(patch: Partial<Settings>, raw: unknown): Partial<Settings> {
    const given = raw && typeof raw === 'object' ? Object.keys(raw) : [];
    return Object.fromEntries(Object.entries(patch).filter(([name]) => given.includes(name)));
  }

  function taskById(id: string): Task {
    const task = tracker.getById(id);
    if (!task) throw new AppError('NOT_FOUND', 'That task is no longer in the list.');
    return task;
  }

  /** Validates the payload against the channel's schema before the handler sees it. */
  function handle<C extends IpcChannel>(
    channel: C,
    run: (request: z.output<(typeof ipcSchemas)[C]>, raw: unknown) => Promise<IpcResponse<C>> | IpcResponse<C>,
  ): Handler<C> {
    const schema = ipcSchemas[channel] as z.ZodType;
    return async (request) => {
      const parsed = schema.safeParse(request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
        throw new AppError(
          'INVALID_PAYLOAD',
          `The request was not understood${where}: ${issue?.message ?? 'invalid'}.`,
        );
      }
      return run(parsed.data as z.output<(typeof ipcSchemas)[C]>, request);
    };
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
      const task = taskById(id);
      tracker.remove(task.subscriptionKey);
      const previous = removed.get(id);
      if (previous) clock.clearTimeout(previous.timer);
      const timer = clock.setTimeout(() => {
        removed.delete(id);
        downloads.get(task.subscriptionKey)?.abort();
      }, UNDO_WINDOW_MS);
      removed.set(id, { task, timer });
    }),

    'tasks:undo-remove': handle('tasks:undo-remove', ({ id }) => {
      const entry = removed.get(id);
      if (!entry) throw new AppError('NOT_FOUND', 'That task can no longer be brought back.');
      clock.clearTimeout(entry.timer);
      removed.delete(id);
      tracker.restore(tracker.get(entry.task.subscriptionKey) ?? entry.task);
    }),

    'tasks:rename': handle('tasks:rename', ({ id, label }) => {
      tracker.rename(taskById(id).subscriptionKey, label);
    }),

    'tasks:retry-now': handle('tasks:retry-now', ({ id }) => {
      scheduler.checkTask(taskById(id).subscriptionKey);
    }),

    'tasks:download': handle('tasks:download', ({ id }) => {
      const task = taskById(id);
      if (task.state !== 'done') {
        throw new AppError('NOT_DONE', 'Results can be downloaded once the task is done.');
      }
      if (!task.taskUuid) {
        throw new AppError(
          'NO_TASK_UUID',
          'This task has no task UUID, so its results cannot be fetched; add it from the generation response instead.',
        );
      }
      // Runs in the background; progress and any failure show on the task.
      void startDownload(task.subscriptionKey).catch(() => undefined);
    }),

    'tasks:open-folder': handle('tasks:open-folder', async ({ id }) => {
      const folder = taskById(id).download?.folder;
      if (!folder) throw new AppError('NOT_DOWNLOADED', 'Nothing has been downloaded for this task yet.');
      await platform.openPath(folder);
    }),

    'tasks:copy': handle('tasks:copy', ({ id, what }) => {
      const task = taskById(id);
      if (what === 'subscription-key') {
        platform.copyText(task.subscriptionKey);
        return;
      }
      if (!task.taskUuid) throw new AppError('NO_TASK_UUID', 'This task has no task UUID to copy.');
      platform.copyText(task.taskUuid);
    }),

    'tasks:mark-seen': handle('tasks:mark-seen', ({ ids }) => {
      let any = false;
      for (const id of ids) {
        const task = tracker.getById(id);
        if (task && unseen.delete(task.subscriptionKey)) any = true;
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

    'key:set': handle('key:set', ({ key }) => setKey(key)),
    'key:clear': handle('key:clear', () => clearKey()),
    'balance:refresh': handle('balance:refresh', async () => ({ balance: await refreshBalance() })),

    'settings:update': handle('settings:update', (patch, raw) => updateSettings(onlyGiven(patch, raw))),

    'settings:choose-download-folder': handle('settings:choose-download-folder', async () => {
      const folder = await platform.chooseFolder();
      if (folder) updateSettings({ downloadFolder: folder });
      return folder;
    }),

    'notifications:pause': handle('notifications:pause', ({ minutes }) => {
      notificationsPausedUntil = clock.now() + minutes * 60_000;
      if (pauseTimer !== undefined) clock.clearTimeout(pauseTimer);
      // The snapshot drops the pause when it ends; this makes sure a snapshot goes out then.
      pauseTimer = clock.setTimeout(() => {
        pauseTimer = undefined;
        notificationsPausedUntil = undefined;
        changed();
      }, minutes * 60_000);
      changed();
    }),
    'notifications:resume': handle('notifications:resume', () => {
      notificationsPausedUntil = undefined;
      if (pauseTimer !== undefined) clock.clearTimeout(pauseTimer);
      pauseTimer = undefined;
      changed();
    }),

    'demo:start': handle('demo:start', async () => {
      if (demo) return;
      if (!deps.startDemo) throw new AppError('DEMO_UNAVAILABLE', 'The demo is not available in this build.');
      const connection = await deps.startDemo();
      // The demo key lives in memory only: it must never replace the user's key in the keychain.
      demo = { apiKey: connection.apiKey, baseUrl: connection.baseUrl, keys: new Set() };
      client = makeClient(connection.baseUrl);
      keyRejected = false;
      balance = undefined;
      for (const input of connection.tasks ?? []) {
        if (tracker.add(input).added) demo.keys.add(input.subscriptionKey);
      }
      scheduler.keyChanged();
      scheduler.checkNow();
      void refreshBalance().catch(() => undefined);
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

    snapshot: () =>
      buildSnapshot({
        tasks: tracker.list(),
        polling: scheduler.status(),
        key: demo ? { present: true, source: 'memory', hint: keyHint(demo.apiKey) } : keyStatus,
        keyRejected,
        ...(keychainProblem ? { keychainProblem } : {}),
        ...(balance ? { balance } : {}),
        settings,
        notices,
        now: clock.now(),
        demo: demo !== undefined,
        ...(notificationsPausedUntil !== undefined ? { notificationsPausedUntil } : {}),
        unseen,
        previewUrl: (taskId, file) => platform.previewUrl(taskId, file),
      }),

    onSnapshot(listener) {
      snapshotListeners.add(listener);
      return () => {
        snapshotListeners.delete(listener);
      };
    },

    onFinished(listener) {
      finishedListeners.add(listener);
      return () => {
        finishedListeners.delete(listener);
      };
    },

    onNotify(listener) {
      notifyListeners.add(listener);
      return () => {
        notifyListeners.delete(listener);
      };
    },

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
      scheduler.stop();
      if (notifyTimer !== undefined) {
        clock.clearTimeout(notifyTimer);
        // Quitting mid-burst: those finishes are not raised later, so mark them to keep "never twice" true.
        for (const key of finishedBurst) tracker.markNotified(key);
        finishedBurst = [];
      }
      shutDown = true;
      for (const timer of [snapshotTimer, persistTimer, pauseTimer]) if (timer !== undefined) clock.clearTimeout(timer);
      for (const { timer } of removed.values()) clock.clearTimeout(timer);
      removed.clear();
      for (const abort of downloads.values()) abort.abort();
      store.saveTasks(persistableTasks());
      store.flush();
      return Promise.resolve();
    },
  };

  scheduler.start();
  if (currentKey()) void refreshBalance().catch(() => undefined);
  return controller;
}
