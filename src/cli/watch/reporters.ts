// The three ways `watch` reports: a live screen on a terminal, plain log lines, or newline-delimited JSON events.
import type { SchedulerStatus } from '../../core/scheduler/scheduler';
import { taskIdOf } from '../../core/tasks/task-id';
import { renderLiveView, type LiveViewModel } from './live-view';
import { createLiveScreen } from './tty-screen';
import { taskJson } from './task-json';
import { taskDuration, type Task } from '../../core/tasks/task';
import { formatClockTime, formatDuration } from '../../shared/format-duration';
import { stateWord } from '../../shared/task-states';
import { progressText } from './task-summary';

export type Problem = SchedulerStatus['problem'];

export interface DownloadEvent {
  status: 'started' | 'done' | 'failed';
  folder?: string;
  files?: string[];
  error?: string;
  /** "1 refused: not an https link" when list entries were skipped as unsafe. */
  refused?: string;
}

export interface WatchSummary {
  exitCode: number;
  /** One sentence: why watching ended. */
  reason: string;
  tasks: readonly Task[];
}

export interface WatchReporter {
  added(task: Task): void;
  changed(task: Task, previous: Task): void;
  finished(task: Task): void;
  download(task: Task, event: DownloadEvent): void;
  /** The scheduler's problem changed (undefined: it went away). */
  problem(problem: Problem): void;
  /** Something the user should know that is not about one task (e.g. an unexpected scheduler error). */
  error(message: string): void;
  /** Time passed or progress moved: live views redraw. */
  refresh(): void;
  summary(summary: WatchSummary): void;
  close(): void;
}

const stamp = (now: number) => formatClockTime(now);

export function createJsonReporter(out: NodeJS.WritableStream, now: () => number): WatchReporter {
  const emit = (event: string, body: Record<string, unknown>) =>
    out.write(`${JSON.stringify({ event, at: new Date(now()).toISOString(), ...body })}\n`);
  return {
    added: (task) => emit('added', { task: taskJson(task) }),
    changed: (task, previous) => {
      emit('changed', { task: taskJson(task), previousState: previous.state });
      if (task.lastError && task.lastError !== previous.lastError) {
        emit('error', {
          kind: 'task',
          taskId: taskIdOf(task.subscriptionKey),
          code: task.lastError.code,
          message: task.lastError.message,
        });
      }
    },
    finished: (task) => emit('finished', { task: taskJson(task) }),
    download: (task, event) =>
      emit('download', { taskId: taskIdOf(task.subscriptionKey), label: task.label, ...event }),
    problem: (problem) => {
      if (problem)
        emit('error', {
          kind: problem.kind,
          message: problem.message,
          ...(problem.until ? { until: new Date(problem.until).toISOString() } : {}),
        });
    },
    error: (message) => emit('error', { kind: 'internal', message }),
    refresh: () => undefined,
    summary: (summary) => {
      const counts: Record<string, number> = {};
      for (const t of summary.tasks) counts[t.state] = (counts[t.state] ?? 0) + 1;
      emit('summary', {
        exitCode: summary.exitCode,
        reason: summary.reason,
        counts,
        tasks: summary.tasks.map(taskJson),
      });
    },
    close: () => undefined,
  };
}

/** For pipes and CI logs: one line per change, nothing redrawn. */
export function createPlainReporter(out: NodeJS.WritableStream, now: () => number): WatchReporter {
  const line = (text: string) => out.write(`${stamp(now())}  ${text}\n`);
  const describe = (task: Task) => {
    const progress = progressText(task);
    return `${stateWord(task.state)}${progress ? ` · ${progress}` : ''}`;
  };
  return {
    added: (task) => line(`${task.label}: watching (${describe(task)})`),
    changed: (task, previous) => {
      if (describe(task) !== describe(previous)) line(`${task.label}: ${describe(task)}`);
      if (task.lastError && task.lastError !== previous.lastError)
        line(`${task.label}: problem: ${task.lastError.message}`);
    },
    finished: (task) => {
      const elapsed = taskDuration(task, now());
      const when = task.finishedWhenAdded
        ? ' (already finished when added)'
        : elapsed !== undefined
          ? ` after ${formatDuration(elapsed)}`
          : '';
      line(`${task.label}: finished: ${stateWord(task.state)}${when}`);
    },
    download: (task, event) => {
      if (event.status === 'started') line(`${task.label}: downloading into ${event.folder ?? '?'}`);
      const refused = event.refused ? `; ${event.refused}` : '';
      if (event.status === 'done')
        line(`${task.label}: saved ${event.files?.length ?? 0} file(s) to ${event.folder ?? '?'}${refused}`);
      if (event.status === 'failed')
        line(`${task.label}: download failed: ${event.error ?? 'unknown error'}${refused}`);
    },
    problem: (problem) => {
      if (!problem) return line('Checking normally again.');
      const until = problem.until ? ` (until ${stamp(problem.until)})` : '';
      line(
        `${problem.kind === 'key-rejected' ? 'API key rejected' : problem.kind === 'throttled' ? 'Throttled' : 'Unreachable'}: ${problem.message}${until}`,
      );
    },
    error: (message) => line(`error: ${message}`),
    refresh: () => undefined,
    summary: (summary) => line(summary.reason),
    close: () => undefined,
  };
}

/** The live, redrawn-in-place view for terminals. */
export function createTtyReporter(
  out: NodeJS.WriteStream,
  model: () => LiveViewModel,
  options: { color: boolean },
): WatchReporter {
  const screen = createLiveScreen(out);
  const started = model().now;
  let closing: string | undefined;
  let scheduled = false;

  const draw = () => {
    scheduled = false;
    const m = model();
    const frame = Math.floor((m.now - started) / 1000);
    screen.draw(
      renderLiveView(
        { ...m, ...(closing ? { closing } : {}) },
        { width: out.columns || 80, height: out.rows || undefined, color: options.color, frame },
      ),
    );
  };
  // Bursts of events (a round of polls, download progress) become one redraw.
  const soon = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(draw, 30).unref();
  };
  const onResize = () => draw();
  out.on('resize', onResize);

  return {
    added: soon,
    changed: soon,
    finished: soon,
    download: (task, event) => {
      const refused = event.refused ? `; ${event.refused}` : '';
      if (event.status === 'failed')
        screen.log(`${task.label}: download failed: ${event.error ?? 'unknown error'}${refused}`);
      else if (event.status === 'done' && event.refused) screen.log(`${task.label}: ${event.refused}`);
      soon();
    },
    problem: soon,
    error: (message) => {
      screen.log(`error: ${message}`);
      soon();
    },
    refresh: draw,
    summary: (summary) => {
      closing = summary.reason;
      draw();
    },
    close: () => {
      out.off('resize', onResize);
      screen.close();
    },
  };
}
