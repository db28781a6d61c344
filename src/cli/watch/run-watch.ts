// Watches tasks with the real tracker and scheduler until all finish (and are downloaded), a timeout, 401 or Ctrl+C.
import { join } from 'node:path';
import type { Clock } from '../../core/clock';
import type { RodinClient } from '../../core/rodin/types';
import { describeError } from '../../core/rodin/describe-error';
import { createTaskTracker } from '../../core/tasks/task-tracker';
import { createScheduler, type SchedulerStatus } from '../../core/scheduler/scheduler';
import type { DurationModel } from '../../core/scheduler/duration-model';
import type { Task, TaskDownload, TaskInput } from '../../core/tasks/task';
import type { DownloadLimits } from '../../core/download/downloader';
import type { TaskDownloads } from '../../core/download/task-downloads';
import { refusedNote } from '../../core/download/download-summary';
import { EXIT, type ExitCode } from '../exit-codes';
import { describeFailure } from '../error-exit';
import type { DownloadEvent, WatchReporter } from './reporters';
import type { LiveViewModel } from './live-view';
import { formatDuration } from '../../shared/format-duration';
import { outcomeOf, stateWord } from '../../shared/task-states';
import { hasOwnLabel, visibleSignature } from './task-summary';

export interface RunWatchOptions {
  client: Pick<RodinClient, 'status' | 'downloadList' | 'baseUrl'>;
  fetch: typeof fetch;
  clock: Clock;
  inputs: readonly TaskInput[];
  /** Results go to <downloadDir>/<safe label or task uuid>/ when set. */
  downloadDir?: string;
  timeoutMs?: number;
  /** Builds the reporter once the live-view model exists (the TTY view reads it on every redraw). */
  reporter: (model: () => LiveViewModel) => WatchReporter;
  /** What is known about generation times in advance (the demo knows its simulated service); learned otherwise. */
  durationModel?: DurationModel;
  /** The demo: its failing task is part of the script, so failures do not make the run fail (downloads still do). */
  failuresExpected?: boolean;
  /** Per-file and per-task size limits (defaults: 2 GiB and 4 GiB). */
  downloadLimits?: DownloadLimits;
  /** Ctrl+C and friends; tests pass their own emitter. */
  signals?: NodeJS.EventEmitter;
}

/** Loaded on the first finished task only: watching without --download never pays for it. */
async function loadDownloads() {
  const [{ createTaskDownloads }, { safeFileName }] = await Promise.all([
    import('../../core/download/task-downloads'),
    import('../../core/download/safe-file-name'),
  ]);
  return { createTaskDownloads, safeFileName };
}

export interface WatchResult {
  exitCode: ExitCode;
  reason: string;
  tasks: readonly Task[];
}

export function runWatch(options: RunWatchOptions): Promise<WatchResult> {
  const { clock, client } = options;
  const tracker = createTaskTracker({ clock });
  const aborter = new AbortController();
  const takenFolders = new Set<string>();
  const downloads = new Set<Promise<void>>();
  const startedAt = clock.now();
  const deadline = options.timeoutMs !== undefined ? startedAt + options.timeoutMs : undefined;
  const signals = options.signals ?? process;
  let everReached = false;
  let schedulerStatus: SchedulerStatus = { paused: false, inFlight: 0 };
  let ended = false;

  // Oldest first reads naturally in a terminal; the tracker lists newest first for the window.
  const tasks = () => [...tracker.list()].reverse();
  const model = (): LiveViewModel => ({
    tasks: tasks(),
    status: schedulerStatus,
    now: clock.now(),
    ...(options.downloadDir ? { downloadDir: options.downloadDir } : {}),
    ...(deadline !== undefined ? { deadline } : {}),
  });
  const reporter = options.reporter(model);

  const scheduler = createScheduler({
    clock,
    client,
    tracker,
    onError: (error) => reporter.error(describeError(error)),
    ...(options.durationModel ? { durationModel: options.durationModel } : {}),
  });

  return new Promise<WatchResult>((resolve) => {
    const unsubscribe: (() => void)[] = [];
    // A real interval: it redraws elapsed times and keeps the process alive (the scheduler's timers are unref'd).
    const ticker = setInterval(() => reporter.refresh(), 1_000);
    const timeout =
      options.timeoutMs !== undefined
        ? clock.setTimeout(() => {
            const limit = formatDuration(options.timeoutMs ?? 0);
            const unreachable = !everReached || schedulerStatus.problem?.kind === 'unreachable';
            const open = tracker.active().length;
            finish(
              EXIT.timeout,
              unreachable && tasks().some((t) => t.lastError)
                ? `The Rodin service stayed unreachable for the whole --timeout (${limit}).`
                : `Gave up after --timeout ${limit}: ${open} task${open === 1 ? '' : 's'} still unfinished.`,
            );
          }, options.timeoutMs)
        : undefined;

    const finish = (code: ExitCode, reason: string) => {
      if (ended) return;
      ended = true;
      scheduler.stop();
      aborter.abort();
      clearInterval(ticker);
      if (timeout) clock.clearTimeout(timeout);
      for (const off of unsubscribe) off();
      signals.off('SIGINT', onInterrupt);
      signals.off('SIGTERM', onInterrupt);
      reporter.summary({ exitCode: code, reason, tasks: tasks() });
      reporter.close();
      resolve({ exitCode: code, reason, tasks: tasks() });
    };

    const checkComplete = () => {
      if (ended || tracker.active().length > 0 || downloads.size > 0) return;
      const all = tasks();
      const bad = all.filter((t) => outcomeOf(t.state) === 'failure');
      const badDownloads = all.filter((t) => t.download?.status === 'failed');
      if (bad.length > 0 && !options.failuresExpected) {
        const what = bad.map((t) => `${t.label} (${stateWord(t.state).toLowerCase()})`).join(', ');
        finish(
          EXIT.taskFailed,
          `${bad.length} of ${all.length} task${all.length === 1 ? '' : 's'} did not succeed: ${what}.`,
        );
      } else if (badDownloads.length > 0) {
        finish(
          EXIT.taskFailed,
          `All tasks done, but ${badDownloads.length} download${badDownloads.length === 1 ? '' : 's'} failed.`,
        );
      } else if (bad.length > 0) {
        const done = all.length - bad.length;
        finish(EXIT.ok, `All ${all.length} tasks finished as scripted: ${done} done, ${bad.length} failed on purpose.`);
      } else {
        const saved = options.downloadDir ? `; results saved in ${options.downloadDir}` : '';
        // Refused entries alone do not fail the run: every safe file was saved. They are said, not hidden.
        const warnings = all.flatMap((t) => {
          const note = t.download ? refusedNote(t.download) : undefined;
          return note ? [`${t.label}: ${note}`] : [];
        });
        const warning = warnings.length ? ` Warning: ${warnings.join('; ')}.` : '';
        finish(EXIT.ok, `All ${all.length} task${all.length === 1 ? '' : 's'} done${saved}.${warning}`);
      }
    };

    let flow: Promise<TaskDownloads> | undefined;
    const downloadFlow = (dir: string) =>
      (flow ??= loadDownloads().then(({ createTaskDownloads, safeFileName }) =>
        createTaskDownloads({
          clock,
          fetch: options.fetch,
          tracker,
          client: () => client,
          // <dir>/<label or task uuid>, unique among this run's tasks.
          folderFor: (task) =>
            join(dir, safeFileName(hasOwnLabel(task) ? task.label : (task.taskUuid ?? ''), takenFolders)),
          autoDownload: () => true,
          ...(options.downloadLimits ? { limits: () => options.downloadLimits! } : {}),
        }),
      ));

    const download = (task: Task) => {
      const dir = options.downloadDir;
      if (!dir) return;
      const key = task.subscriptionKey;
      tracker.setDownload(key, { status: 'pending' });
      const job = downloadFlow(dir)
        .then((taskDownloads) => {
          if (ended) throw new Error('stopped');
          const started = taskDownloads.start(key);
          const folder = tracker.get(key)?.download?.folder;
          reporter.download(task, { status: 'started', ...(folder ? { folder } : {}) });
          return started;
        })
        .then((result) => {
          if (ended) return;
          reporter.download(tracker.get(key) ?? task, downloadEvent(result));
        })
        .catch((error: unknown) => {
          if (ended) return;
          const message = describeFailure(error);
          tracker.setDownload(key, { status: 'failed', error: message });
          reporter.download(tracker.get(key) ?? task, { status: 'failed', error: message });
        })
        .finally(() => {
          downloads.delete(job);
          checkComplete();
        });
      downloads.add(job);
    };

    unsubscribe.push(
      tracker.on('added', (task) => reporter.added(task)),
      tracker.on('changed', (task, previous) => {
        if (task.lastPolledAt !== undefined && task.lastError === undefined) everReached = true;
        if (visibleSignature(task) !== visibleSignature(previous)) reporter.changed(task, previous);
        else reporter.refresh();
      }),
      tracker.on('finished', (task) => {
        reporter.finished(task);
        if (task.state === 'done') download(task);
        checkComplete();
      }),
      scheduler.onStatus((status) => {
        const before = schedulerStatus.problem;
        schedulerStatus = status;
        const after = status.problem;
        if (before?.kind !== after?.kind || before?.message !== after?.message) reporter.problem(after);
        else reporter.refresh();
        if (after?.kind === 'key-rejected') finish(EXIT.keyRejected, `API key rejected: ${after.message}`);
      }),
    );

    const onInterrupt = () => finish(EXIT.interrupted, 'Stopped (Ctrl+C); nothing was lost: watch again any time.');
    signals.on('SIGINT', onInterrupt);
    signals.on('SIGTERM', onInterrupt);

    for (const input of options.inputs) tracker.add(input);
    scheduler.start();
  });
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
