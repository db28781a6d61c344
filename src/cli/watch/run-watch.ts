// Watches tasks with the real tracker and scheduler until all finish (and are downloaded), a timeout, 401 or Ctrl+C.
import { join } from 'node:path';
import type { Clock } from '../../core/clock';
import type { RodinClient } from '../../core/rodin/types';
import { describeError } from '../../core/rodin/describe-error';
import { createTaskTracker } from '../../core/tasks/task-tracker';
import { createScheduler, type SchedulerStatus } from '../../core/scheduler/scheduler';
import type { DurationModel } from '../../core/scheduler/duration-model';
import type { Task, TaskInput } from '../../core/tasks/task';
import { EXIT, type ExitCode } from '../exit-codes';
import { describeFailure } from '../error-exit';
import type { WatchReporter } from './reporters';
import type { LiveViewModel } from './live-view';
import { formatDuration } from '../../shared/format-duration';
import { outcomeOf, stateWord } from '../../shared/task-states';
import { hasOwnLabel, visibleSignature } from './task-summary';

export interface RunWatchOptions {
  client: Pick<RodinClient, 'status' | 'downloadList'>;
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
  /** Ctrl+C and friends; tests pass their own emitter. */
  signals?: NodeJS.EventEmitter;
}

/** Loaded on the first finished task only: watching without --download never pays for it. */
async function loadDownloader() {
  const [{ downloadTaskResults }, { safeFileName }] = await Promise.all([
    import('../../core/download/downloader'),
    import('../../core/download/safe-file-name'),
  ]);
  return { downloadTaskResults, safeFileName };
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
        finish(EXIT.ok, `All ${all.length} task${all.length === 1 ? '' : 's'} done${saved}.`);
      }
    };

    const download = (task: Task) => {
      const dir = options.downloadDir;
      if (!dir) return;
      const key = task.subscriptionKey;
      if (!task.taskUuid) {
        const error =
          'The task UUID is unknown, so its results cannot be fetched: pass the generation response, or --key with --task.';
        tracker.setDownload(key, { status: 'failed', error });
        reporter.download(task, { status: 'failed', error });
        return;
      }
      const taskUuid = task.taskUuid;
      let folder = dir;
      tracker.setDownload(key, { status: 'pending' });
      const job = loadDownloader()
        .then(({ downloadTaskResults, safeFileName }) => {
          folder = join(dir, safeFileName(hasOwnLabel(task) ? task.label : taskUuid, takenFolders));
          if (ended) throw new Error('stopped');
          tracker.setDownload(key, { status: 'downloading', folder });
          reporter.download(task, { status: 'started', folder });
          return downloadTaskResults({
            client,
            fetch: options.fetch,
            taskUuid,
            folder,
            signal: aborter.signal,
            onProgress: (p) => {
              if (ended) return;
              tracker.setDownload(key, {
                status: 'downloading',
                folder,
                receivedBytes: p.receivedBytes,
                ...(p.totalBytes !== undefined ? { totalBytes: p.totalBytes } : {}),
              });
            },
          });
        })
        .then((result) => {
          if (ended) return;
          const done = { status: 'done' as const, folder: result.folder, files: result.files, finishedAt: clock.now() };
          tracker.setDownload(key, result.previewFile ? { ...done, previewFile: result.previewFile } : done);
          reporter.download(tracker.get(key) ?? task, { status: 'done', folder: result.folder, files: result.files });
        })
        .catch((error: unknown) => {
          if (ended) return;
          const message = describeFailure(error);
          tracker.setDownload(key, { status: 'failed', folder, error: message });
          reporter.download(tracker.get(key) ?? task, { status: 'failed', folder, error: message });
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
