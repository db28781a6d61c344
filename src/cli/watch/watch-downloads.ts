// Fetching a watched task's results into <dir>/<label or task uuid>/ with core's download flow, and telling the
// reporter how each went.
import { join } from 'node:path';
import type { Clock } from '../../core/clock';
import type { RodinClient } from '../../core/rodin/types';
import type { Task, TaskDownload } from '../../core/tasks/task';
import type { TaskTracker } from '../../core/tasks/task-tracker';
import type { DownloadLimits } from '../../core/download/downloader';
import type { TaskDownloads } from '../../core/download/task-downloads';
import { refusedNote } from '../../core/download/download-summary';
import { describeFailure } from '../error-exit';
import type { DownloadEvent, WatchReporter } from './reporters';
import { hasOwnLabel } from './task-summary';

/** Loaded on the first finished task only: watching without --download never pays for it. */
async function loadDownloads() {
  const [{ createTaskDownloads }, { safeFileName }] = await Promise.all([
    import('../../core/download/task-downloads'),
    import('../../core/download/safe-file-name'),
  ]);
  return { createTaskDownloads, safeFileName };
}

export interface WatchDownloads {
  /** Starts fetching a done task's results (nothing without a download folder). */
  download(task: Task): void;
  /** Downloads started and not yet settled. */
  inFlight(): number;
}

export function createWatchDownloads(deps: {
  clock: Clock;
  fetch: typeof fetch;
  tracker: TaskTracker;
  client: Pick<RodinClient, 'downloadList' | 'baseUrl'>;
  downloadDir: string | undefined;
  downloadLimits: DownloadLimits | undefined;
  reporter: Pick<WatchReporter, 'download'>;
  /** The run is over: nothing more is started or reported. */
  ended: () => boolean;
  /** A download settled, however it went. */
  settled: () => void;
}): WatchDownloads {
  const { tracker, reporter, ended } = deps;
  const takenFolders = new Set<string>();
  const downloads = new Set<Promise<void>>();

  let flow: Promise<TaskDownloads> | undefined;
  const downloadFlow = (dir: string) =>
    (flow ??= loadDownloads().then(({ createTaskDownloads, safeFileName }) =>
      createTaskDownloads({
        clock: deps.clock,
        fetch: deps.fetch,
        tracker,
        client: () => deps.client,
        // <dir>/<label or task uuid>, unique among this run's tasks.
        folderFor: (task) =>
          join(dir, safeFileName(hasOwnLabel(task) ? task.label : (task.taskUuid ?? ''), takenFolders)),
        autoDownload: () => true,
        ...(deps.downloadLimits ? { limits: () => deps.downloadLimits! } : {}),
      }),
    ));

  return {
    download(task) {
      const dir = deps.downloadDir;
      if (!dir) return;
      const key = task.subscriptionKey;
      tracker.setDownload(key, { status: 'pending' });
      const job = downloadFlow(dir)
        .then((taskDownloads) => {
          if (ended()) throw new Error('stopped');
          const started = taskDownloads.start(key);
          const folder = tracker.get(key)?.download?.folder;
          reporter.download(task, { status: 'started', ...(folder ? { folder } : {}) });
          return started;
        })
        .then((result) => {
          if (ended()) return;
          reporter.download(tracker.get(key) ?? task, downloadEvent(result));
        })
        .catch((error: unknown) => {
          if (ended()) return;
          const message = describeFailure(error);
          tracker.setDownload(key, { status: 'failed', error: message });
          reporter.download(tracker.get(key) ?? task, { status: 'failed', error: message });
        })
        .finally(() => {
          downloads.delete(job);
          deps.settled();
        });
      downloads.add(job);
    },
    inFlight: () => downloads.size,
  };
}

/** What the reporters say about a finished download: the files, and any refused entries or failure. */
function downloadEvent(download: TaskDownload): DownloadEvent {
  const event: DownloadEvent = { status: download.status === 'done' ? 'done' : 'failed' };
  if (download.folder) event.folder = download.folder;
  if (download.files) event.files = download.files;
  if (download.error) event.error = download.error;
  const note = refusedNote(download);
  if (note) event.refused = note;
  return event;
}
