// The task model: what we know about one Rodin task, and its state derived from job statuses (rules in
// docs/rodin-api.md). The states themselves, and everything shown for them, are in src/shared/task-states.ts.
import type { JobStatus } from '../rodin/types';
import type { TaskState } from '../../shared/task-states';

export { isFinished, type TaskState } from '../../shared/task-states';

export interface TaskError {
  /** The RodinError code (e.g. TIMEOUT, HTTP_5XX, INSUFFICIENT_FUNDS). */
  code: string;
  /** A sentence a person understands, never raw HTML, never a key. */
  message: string;
  at: number;
}

export type DownloadStatus = 'pending' | 'downloading' | 'done' | 'failed';

export interface TaskDownload {
  status: DownloadStatus;
  folder?: string;
  files?: string[];
  /** Bytes of the whole task so far (every file, fetched in parallel). */
  receivedBytes?: number;
  /** Known once every file has started and stated its size. */
  totalBytes?: number;
  filesDone?: number;
  fileCount?: number;
  /** List entries judged unsafe and skipped (the first few), and how many there were. */
  refused?: { name: string; reason: string }[];
  refusedCount?: number;
  previewFile?: string;
  error?: string;
  finishedAt?: number;
}

/** What a user hands us: from the clipboard, the CLI, a link or a generation response. */
export interface TaskInput {
  subscriptionKey: string;
  taskUuid?: string;
  label?: string;
  tier?: string;
  /** Handed over by a rodin-tray:// link (from anywhere, e.g. a web page), not typed or pasted by the user. */
  fromLink?: boolean;
}

export interface Task {
  subscriptionKey: string;
  taskUuid?: string;
  label: string;
  tier?: string;
  jobs: JobStatus[];
  state: TaskState;
  addedAt: number;
  submittedAt?: number;
  /** First time any job was seen Generating: the start of the part whose duration we can learn. */
  generatingSince?: number;
  finishedAt?: number;
  lastPolledAt?: number;
  lastError?: TaskError;
  /** A finish notification was raised (or deliberately not, for tasks that were already finished when added). */
  notified: boolean;
  /** The task was already finished the first time we saw it. */
  finishedWhenAdded?: boolean;
  /** Finished while watched and not shown in the window yet (kept with the task so a restart does not forget it). */
  unseen?: boolean;
  /** Added from a rodin-tray:// link and not yet seen in the window: no automatic download until it is. */
  fromLink?: boolean;
  download?: TaskDownload;
}

/**
 * How long the task took: from submission (or, when that is unknown, from when we started watching) to its finish,
 * or to `now` while it runs. Undefined for tasks already finished when added (we never saw them run) and for running
 * tasks when no `now` is given. The one definition of a task's duration: notifications, the window and the CLI use it.
 */
export function taskDuration(task: Task, now?: number): number | undefined {
  if (task.finishedWhenAdded) return undefined;
  const end = task.finishedAt ?? now;
  if (end === undefined) return undefined;
  return Math.max(0, end - (task.submittedAt ?? task.addedAt));
}

/** Derives the task state: any Failed/Canceled → failed/canceled; all Done → done; any Generating → generating. */
export function deriveTaskState(jobs: readonly JobStatus[]): TaskState {
  if (jobs.some((j) => j.status === 'Failed')) return 'failed';
  if (jobs.some((j) => j.status === 'Canceled')) return 'canceled';
  if (jobs.length > 0 && jobs.every((j) => j.status === 'Done')) return 'done';
  if (jobs.some((j) => j.status === 'Generating')) return 'generating';
  return 'waiting';
}

export function jobsDone(jobs: readonly JobStatus[]): number {
  return jobs.filter((j) => j.status === 'Done').length;
}

/** The smallest queue_length among waiting jobs, if the API gave one. */
export function queuePosition(jobs: readonly JobStatus[]): number | undefined {
  const lengths = jobs
    .filter((j) => j.status === 'Waiting' && typeof j.queueLength === 'number' && Number.isFinite(j.queueLength))
    .map((j) => Math.max(0, j.queueLength!));
  return lengths.length > 0 ? Math.min(...lengths) : undefined;
}

/** Short, safe label for a task without one: the task UUID's head, else the key's last characters. */
export function defaultLabel(input: TaskInput): string {
  if (input.taskUuid) return `Task ${input.taskUuid.slice(0, 8)}`;
  return `Task …${input.subscriptionKey.slice(-6)}`;
}
