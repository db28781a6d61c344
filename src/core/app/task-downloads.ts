// Downloading a done task's results into its own folder: automatic and on request, with throttled progress.
import { join } from 'node:path';
import type { Clock } from '../clock';
import { downloadTaskResults } from '../download/downloader';
import { safeFileName } from '../download/safe-file-name';
import type { Logger } from '../log/logger';
import { describeError } from '../rodin/describe-error';
import { RodinError } from '../rodin/errors';
import type { RodinClient } from '../rodin/types';
import type { Task, TaskDownload } from '../tasks/task';
import { taskIdOf } from '../tasks/task-id';
import type { TaskTracker } from '../tasks/task-tracker';
import type { Settings } from '../../shared/settings';
import { AppError } from './app-error';
import type { Platform } from './types';

/** Download progress is written into the task at most this often. */
export const PROGRESS_INTERVAL_MS = 250;

const NO_TASK_UUID =
  'This task has no task UUID, so its results cannot be fetched; add it from the generation response instead.';

export interface TaskDownloads {
  /** Resolves when the download ends; rejects with an AppError/RodinError (already recorded on the task). */
  start(subscriptionKey: string): Promise<void>;
  /** The user asked: checks the task can be downloaded, then downloads in the background. */
  request(task: Task): void;
  /** A task just finished: downloads it when it is done and auto-download is on. */
  autoDownload(task: Task): void;
  /** A download cut short by a quit resumes (auto-download) or is reported, never left "downloading" forever. */
  resumeInterrupted(): void;
  abort(subscriptionKey: string): void;
  abortAll(): void;
}

export function createTaskDownloads(deps: {
  clock: Clock;
  fetch: typeof fetch;
  tracker: TaskTracker;
  client: () => RodinClient;
  settings: () => Settings;
  platform: Pick<Platform, 'defaultDownloadRoot'>;
  logger?: Logger | undefined;
}): TaskDownloads {
  const { clock, tracker, logger } = deps;
  const running = new Map<string, AbortController>();

  function downloadRoot(): string {
    return deps.settings().downloadFolder.trim() || deps.platform.defaultDownloadRoot();
  }

  function setDownload(key: string, download: TaskDownload): void {
    if (tracker.get(key)) tracker.setDownload(key, download);
  }

  function inBackground(key: string): void {
    // Progress and any failure show on the task.
    void start(key).catch(() => undefined);
  }

  async function start(key: string): Promise<void> {
    if (running.has(key)) return;
    const task = tracker.get(key);
    if (!task) throw new AppError('NOT_FOUND', 'That task is no longer in the list.');
    if (!task.taskUuid) {
      setDownload(key, { status: 'failed', error: NO_TASK_UUID });
      throw new AppError('NO_TASK_UUID', NO_TASK_UUID);
    }
    const id = taskIdOf(key);
    const name = safeFileName(`${task.label}-${id.slice(0, 8)}`, new Set());
    const folder = join(downloadRoot(), name);
    const abort = new AbortController();
    running.set(key, abort);
    setDownload(key, { status: 'downloading', folder, receivedBytes: 0 });
    let lastProgressAt = Number.NEGATIVE_INFINITY;
    const perFile = new Map<number, { received: number; total: number | undefined }>();
    try {
      const result = await downloadTaskResults({
        client: { downloadList: (uuid, options) => deps.client().downloadList(uuid, options) },
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
      running.delete(key);
    }
  }

  return {
    start,
    request(task) {
      if (task.state !== 'done') {
        throw new AppError('NOT_DONE', 'Results can be downloaded once the task is done.');
      }
      if (!task.taskUuid) throw new AppError('NO_TASK_UUID', NO_TASK_UUID);
      inBackground(task.subscriptionKey);
    },
    autoDownload(task) {
      if (task.state === 'done' && deps.settings().autoDownload && task.download?.status !== 'done') {
        inBackground(task.subscriptionKey);
      }
    },
    resumeInterrupted() {
      for (const task of tracker.list()) {
        const status = task.download?.status;
        if (status !== 'downloading' && status !== 'pending') continue;
        if (task.state === 'done' && deps.settings().autoDownload) inBackground(task.subscriptionKey);
        else
          setDownload(task.subscriptionKey, {
            ...task.download,
            status: 'failed',
            error: 'The download was interrupted.',
          });
      }
    },
    abort(key) {
      running.get(key)?.abort();
    },
    abortAll() {
      for (const abort of running.values()) abort.abort();
    },
  };
}

function downloadErrorMessage(error: unknown): string {
  if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') return error.message;
  return 'The download failed; try again.';
}
