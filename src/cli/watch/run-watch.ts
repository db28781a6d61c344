// Watches tasks with the real tracker and scheduler until all finish (and are downloaded), a timeout, 401 or Ctrl+C.
// The parts: watch-downloads.ts fetches results, watch-verdict.ts decides the exit code and its sentence.
import type { Clock } from '../../core/clock';
import type { RodinClient } from '../../core/rodin/types';
import { describeError } from '../../core/rodin/describe-error';
import { createTaskTracker } from '../../core/tasks/task-tracker';
import { createScheduler, type SchedulerStatus } from '../../core/scheduler/scheduler';
import type { DurationModel } from '../../core/scheduler/duration-model';
import type { Task, TaskInput } from '../../core/tasks/task';
import type { DownloadLimits } from '../../core/download/downloader';
import { EXIT, type ExitCode } from '../exit-codes';
import type { WatchReporter } from './reporters';
import type { LiveViewModel } from './live-view';
import { visibleSignature } from './task-summary';
import { createWatchDownloads } from './watch-downloads';
import { completionVerdict, timeoutVerdict } from './watch-verdict';

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

export interface WatchResult {
  exitCode: ExitCode;
  reason: string;
  tasks: readonly Task[];
}

export function runWatch(options: RunWatchOptions): Promise<WatchResult> {
  const { clock, client } = options;
  const tracker = createTaskTracker({ clock });
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
            const verdict = timeoutVerdict({
              timeoutMs: options.timeoutMs ?? 0,
              tasks: tasks(),
              openCount: tracker.active().length,
              unreachable: !everReached || schedulerStatus.problem?.kind === 'unreachable',
            });
            finish(verdict.exitCode, verdict.reason);
          }, options.timeoutMs)
        : undefined;

    const finish = (code: ExitCode, reason: string) => {
      if (ended) return;
      ended = true;
      scheduler.stop();
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
      if (ended || tracker.active().length > 0 || downloads.inFlight() > 0) return;
      const verdict = completionVerdict(tasks(), options);
      finish(verdict.exitCode, verdict.reason);
    };

    const downloads = createWatchDownloads({
      clock,
      fetch: options.fetch,
      tracker,
      client,
      downloadDir: options.downloadDir,
      downloadLimits: options.downloadLimits,
      reporter,
      ended: () => ended,
      settled: checkComplete,
    });

    unsubscribe.push(
      tracker.on('added', (task) => reporter.added(task)),
      tracker.on('changed', (task, previous) => {
        if (task.lastPolledAt !== undefined && task.lastError === undefined) everReached = true;
        if (visibleSignature(task) !== visibleSignature(previous)) reporter.changed(task, previous);
        else reporter.refresh();
      }),
      tracker.on('finished', (task) => {
        reporter.finished(task);
        if (task.state === 'done') downloads.download(task);
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
