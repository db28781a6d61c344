// The live watch screen as pure text: one line per task plus a header and a footer, fitted to the terminal.
import { taskDuration, type Task } from '../../core/tasks/task';
import type { SchedulerStatus } from '../../core/scheduler/scheduler';
import { downloadNote, refusedNote } from '../../core/download/download-summary';
import { formatBytes } from '../../shared/format-bytes';
import { formatClockTime, formatDuration } from '../../shared/format-duration';
import { TASK_STATE_NAMES, TASK_STATES, type TaskState, type TaskTone } from '../../shared/task-states';
import { progressText } from './task-summary';

export interface LiveViewModel {
  tasks: readonly Task[];
  status: SchedulerStatus;
  now: number;
  /** Where results go, when --download was given. */
  downloadDir?: string;
  /** When --timeout gives up (epoch ms). */
  deadline?: number;
  /** Set once watching ended: replaces the "next check" footer. */
  closing?: string;
}

export interface LiveViewOptions {
  width: number;
  height?: number;
  color: boolean;
  /** Advances once a second; animates the generating icon. */
  frame: number;
}

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';
type Segment = [text: string, style?: Style];

const SGR: Record<Style, string> = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' };
const SPINNER = ['◐', '◓', '◑', '◒'];
const TONE_STYLE: Record<TaskTone, Style> = { quiet: 'dim', busy: 'cyan', good: 'green', bad: 'red', muted: 'yellow' };
const MAX_LABEL = 32;
const WORD_WIDTH = Math.max(...TASK_STATE_NAMES.map((s) => TASK_STATES[s].word.length));

export function renderLiveView(model: LiveViewModel, options: LiveViewOptions): string[] {
  const labelWidth = Math.min(MAX_LABEL, Math.max(5, ...model.tasks.map((t) => t.label.length)));
  const lines: Segment[][] = [header(model)];
  const taskLines = model.tasks.flatMap((task) => taskRows(task, model.now, labelWidth, options.frame));
  // Keep header and footer visible in short terminals: the frame must never scroll, or redrawing in place breaks.
  const room = options.height !== undefined ? Math.max(1, options.height - 3) : Infinity;
  if (taskLines.length > room) {
    const hidden = taskLines.length - (room - 1);
    lines.push(...taskLines.slice(0, room - 1), [[`  … ${hidden} more line${hidden === 1 ? '' : 's'}`, 'dim']]);
  } else {
    lines.push(...taskLines);
  }
  // One column short of the width: writing into the last column makes some terminals wrap early.
  const width = Math.max(10, options.width - 1);
  const painted = lines.map((segments) => paint(fit(segments, width), options.color));
  // The closing line is drawn once and never redrawn, so it may wrap: the reason must be read in full.
  return [...painted, paint(model.closing ? footer(model) : fit(footer(model), width), options.color)];
}

function header(model: LiveViewModel): Segment[] {
  const counts = new Map<TaskState, number>();
  for (const t of model.tasks) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  const summary = TASK_STATE_NAMES.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${TASK_STATES[s].word.toLowerCase()}`)
    .join(', ');
  const n = model.tasks.length;
  return [['Rodin jobs', 'bold'], [` — ${n} task${n === 1 ? '' : 's'}${summary ? `: ${summary}` : ''}`]];
}

function taskRows(task: Task, now: number, labelWidth: number, frame: number): Segment[][] {
  const { word, glyph, tone } = TASK_STATES[task.state];
  const icon = task.state === 'generating' ? (SPINNER[frame % SPINNER.length] ?? glyph) : glyph;
  const style = TONE_STYLE[tone];
  const elapsed = taskDuration(task, now);
  const label = task.label.length > labelWidth ? `${task.label.slice(0, labelWidth - 1)}…` : task.label;
  const row: Segment[] = [
    [` ${icon} `, style],
    [word.padEnd(WORD_WIDTH + 2), style],
    [label.padEnd(labelWidth + 2)],
    [(elapsed === undefined ? 'already' : formatDuration(elapsed)).padStart(7), 'dim'],
    ['  '],
    [progressText(task)],
  ];
  const download = downloadText(task);
  if (download) row.push(['  '], download);
  const rows = [row];
  const problem =
    task.download?.status === 'failed' ? `download failed: ${task.download.error ?? 'unknown error'}` : undefined;
  const error = problem ?? (task.lastError && !isFinishedCleanly(task) ? task.lastError.message : undefined);
  if (error) rows.push([[`   └ ${error}`, problem || task.state === 'failed' ? 'red' : 'yellow']]);
  return rows;
}

function isFinishedCleanly(task: Task): boolean {
  return task.state === 'done' && task.lastError === undefined;
}

function downloadText(task: Task): Segment | undefined {
  const d = task.download;
  if (!d) return undefined;
  switch (d.status) {
    case 'pending':
      return ['↓ queued', 'dim'];
    case 'downloading': {
      // The whole task's bytes (every file), not the file that happens to be streaming.
      const received = d.receivedBytes ?? 0;
      const pct = d.totalBytes ? ` ${Math.floor((received / d.totalBytes) * 100)}%` : ` ${formatBytes(received)}`;
      const files = d.fileCount ? ` · ${d.filesDone ?? 0}/${d.fileCount} files` : '';
      return [`↓ downloading${pct}${files}`, 'cyan'];
    }
    case 'done':
      return [`↓ ${downloadNote(d) ?? 'saved'}`, d.refusedCount ? 'yellow' : 'green'];
    case 'failed': {
      const refused = refusedNote(d);
      return [`↓ failed${refused ? `; ${refused}` : ''}`, 'red'];
    }
  }
}

function footer(model: LiveViewModel): Segment[] {
  if (model.closing) return [[model.closing, 'bold']];
  const { status, now } = model;
  const parts: Segment[] = [];
  const problem = status.problem;
  if (problem) {
    switch (problem.kind) {
      case 'key-rejected':
        parts.push([`API key rejected: ${problem.message}`, 'red']);
        break;
      case 'throttled': {
        const until = problem.until
          ? ` until ${formatClockTime(problem.until)} (${formatDuration(Math.max(0, problem.until - now))})`
          : '';
        parts.push([`Throttled by the Rodin API${until}`, 'yellow']);
        break;
      }
      case 'unreachable':
        parts.push([`Unreachable: ${problem.message} — retrying`, 'yellow']);
        break;
    }
  } else if (status.paused) {
    parts.push([`Paused${status.pausedBy ? ` (${status.pausedBy})` : ''}`, 'yellow']);
  } else if (status.inFlight > 0) {
    parts.push(['Checking…', 'dim']);
  } else if (status.nextCheckAt !== undefined) {
    parts.push([
      `Next check in ${formatDuration(Math.ceil(Math.max(0, status.nextCheckAt - now) / 1000) * 1000)}`,
      'dim',
    ]);
  }
  if (model.deadline !== undefined)
    parts.push([`gives up in ${formatDuration(Math.max(0, model.deadline - now))}`, 'dim']);
  if (model.downloadDir) parts.push([`saving to ${model.downloadDir}`, 'dim']);
  parts.push(['Ctrl+C to stop', 'dim']);
  return parts.flatMap((p, i) => (i === 0 ? [p] : [[' · ', 'dim'], p]));
}

function fit(segments: Segment[], width: number): Segment[] {
  const out: Segment[] = [];
  let used = 0;
  for (const [text, style] of segments) {
    const chars = [...text];
    if (used + chars.length <= width) {
      out.push([text, style]);
      used += chars.length;
      continue;
    }
    const room = width - used;
    if (room > 1) out.push([`${chars.slice(0, room - 1).join('')}…`, style]);
    else if (room === 1) out.push(['…', style]);
    break;
  }
  return out;
}

function paint(segments: Segment[], color: boolean): string {
  return segments
    .map(([text, style]) => (color && style && text.trim() ? `\x1b[${SGR[style]}m${text}\x1b[0m` : text))
    .join('');
}
