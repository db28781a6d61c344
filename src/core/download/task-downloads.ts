// The one download flow the app and the CLI share: a done task's results into its folder, with task-level progress on the task.
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import { describeError } from '../rodin/describe-error';
import { RodinError } from '../rodin/errors';
import type { RodinClient } from '../rodin/types';
import type { Task, TaskDownload } from '../tasks/task';
import type { TaskTracker } from '../tasks/task-tracker';
import { DownloadError } from './download-error';
import { MAX_REFUSED_KEPT } from './download-summary';
import { downloadTaskResults, type DownloadLimits, type DownloadResult } from './downloader';

/** Download progress is written into the task at most this often. */
export const PROGRESS_INTERVAL_MS = 250;

export const NO_TASK_UUID =
  'This task has no task UUID, so its results cannot be fetched; add it from the generation response instead.';

export interface TaskDownloads {
  /**
   * Downloads one task's results; resolves with its final download state (done or failed, also written on the
   * task). Rejects only when it could not start (a DownloadError: NOT_FOUND, NO_TASK_UUID) or was aborted.
   */
  start(subscriptionKey: string): Promise<TaskDownload>;
  /** The user asked: downloads in the background (progress and failure show on the task). */
  request(subscriptionKey: string): void;
  /** A task just finished (or was just seen): downloads it when it is done and automatic downloads are on. */
  autoDownload(task: Task): void;
  /** A download cut short by a quit resumes (automatic downloads) or is reported, never left "downloading" forever. */
  resumeInterrupted(): void;
  isRunning(subscriptionKey: string): boolean;
  abort(subscriptionKey: string): void;
  abortAll(): void;
}

export interface TaskDownloadsDeps {
  clock: Clock;
  fetch: typeof fetch;
  tracker: TaskTracker;
  client: () => Pick<RodinClient, 'downloadList' | 'baseUrl'>;
  /** Where this task's files go: the app and the CLI name folders differently. */
  folderFor: (task: Task) => string;
  /** Whether finished tasks download on their own. */
  autoDownload: () => boolean;
  limits?: () => DownloadLimits;
  concurrency?: number;
  logger?: Logger | undefined;
}

/** The first failed file's sentence stands for the task; the others are counted. */
function failureMessage(result: DownloadResult): string {
  const first = result.failed[0]!.error.message;
  const more = result.failed.length - 1;
  const saved = result.files.length;
  const tail = more > 0 ? ` (and ${more} more file${more === 1 ? '' : 's'})` : '';
  const savedText = saved > 0 ? ` ${saved} file${saved === 1 ? ' was' : 's were'} saved.` : '';
  return `${first}${tail}${savedText}`;
}

function finalState(result: DownloadResult, now: number): TaskDownload {
  const download: TaskDownload = {
    status: result.failed.length > 0 ? 'failed' : 'done',
    folder: result.folder,
    files: result.files,
    finishedAt: now,
  };
  if (result.previewFile) download.previewFile = result.previewFile;
  if (result.refused.length > 0) {
    download.refused = result.refused.slice(0, MAX_REFUSED_KEPT);
    download.refusedCount = result.refused.length;
  }
  if (result.failed.length > 0) download.error = failureMessage(result);
  return download;
}

function errorMessage(error: unknown): string {
  if (error instanceof RodinError) return describeError(error);
  if (error instanceof DownloadError) return error.message;
  return 'The download failed; try again.';
}

export function createTaskDownloads(deps: TaskDownloadsDeps): TaskDownloads {
  const { clock, tracker, logger } = deps;
  const running = new Map<string, AbortController>();

  function setDownload(key: string, download: TaskDownload): void {
    if (tracker.get(key)) tracker.setDownload(key, download);
  }

  function inBackground(key: string): void {
    // Progress and any failure show on the task.
    void start(key).catch(() => undefined);
  }

  async function start(key: string): Promise<TaskDownload> {
    const task = tracker.get(key);
    if (!task) throw new DownloadError('NOT_FOUND', 'That task is no longer in the list.');
    if (!task.taskUuid) {
      const failed: TaskDownload = { status: 'failed', error: NO_TASK_UUID };
      setDownload(key, failed);
      throw new DownloadError('NO_TASK_UUID', NO_TASK_UUID);
    }
    if (running.has(key)) return task.download ?? { status: 'pending' };
    const folder = deps.folderFor(task);
    const abort = new AbortController();
    running.set(key, abort);
    setDownload(key, { status: 'downloading', folder, receivedBytes: 0 });
    let lastProgressAt = Number.NEGATIVE_INFINITY;
    try {
      const result = await downloadTaskResults({
        client: deps.client(),
        fetch: deps.fetch,
        taskUuid: task.taskUuid,
        folder,
        signal: abort.signal,
        ...(deps.limits ? { limits: deps.limits() } : {}),
        ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
        onProgress: (progress) => {
          const now = clock.now();
          if (now - lastProgressAt < PROGRESS_INTERVAL_MS && progress.filesDone < progress.fileCount) return;
          lastProgressAt = now;
          const download: TaskDownload = {
            status: 'downloading',
            folder,
            receivedBytes: progress.receivedBytes,
            filesDone: progress.filesDone,
            fileCount: progress.fileCount,
          };
          if (progress.totalBytes !== undefined) download.totalBytes = progress.totalBytes;
          setDownload(key, download);
        },
      });
      const done = finalState(result, clock.now());
      setDownload(key, done);
      if (done.error) logger?.warn('Download failed', done.error);
      return done;
    } catch (error) {
      if (abort.signal.aborted) throw error;
      const failed: TaskDownload = { status: 'failed', folder, error: errorMessage(error) };
      setDownload(key, failed);
      logger?.warn('Download failed', failed.error);
      return failed;
    } finally {
      running.delete(key);
    }
  }

  return {
    start,
    request: inBackground,
    autoDownload(task) {
      if (task.state !== 'done' || !deps.autoDownload() || task.download?.status === 'done') return;
      // A task handed over by a link waits until the user has seen it in the window.
      if (task.fromLink) return;
      inBackground(task.subscriptionKey);
    },
    resumeInterrupted() {
      for (const task of tracker.list()) {
        const status = task.download?.status;
        if (status !== 'downloading' && status !== 'pending') continue;
        if (task.state === 'done' && deps.autoDownload() && !task.fromLink) inBackground(task.subscriptionKey);
        else
          setDownload(task.subscriptionKey, {
            ...task.download,
            status: 'failed',
            error: 'The download was interrupted.',
          });
      }
    },
    isRunning: (key) => running.has(key),
    abort(key) {
      running.get(key)?.abort();
    },
    abortAll() {
      for (const abort of running.values()) abort.abort();
    },
  };
}
