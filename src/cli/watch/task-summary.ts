// Plain facts about a task for every CLI output (live view, log lines, JSON): progress, queue, words, times.
import { defaultLabel, jobsDone, queuePosition, type Task } from '../../core/tasks/task';

/** Job statuses the API sent that we do not know: shown verbatim so nobody is left guessing. */
export function unknownStatuses(task: Pick<Task, 'jobs'>): string[] {
  const known = new Set(['Waiting', 'Generating', 'Done', 'Failed', 'Canceled']);
  return [...new Set(task.jobs.map((j) => j.status).filter((s) => !known.has(s)))];
}

/** "1/4 jobs", "queue #3", "status Paused" — what a person wants to know about progress, in one short phrase. */
export function progressText(task: Task): string {
  const parts: string[] = [];
  if (task.jobs.length > 0) parts.push(`${jobsDone(task.jobs)}/${task.jobs.length} jobs`);
  const queue = queuePosition(task.jobs);
  if (task.state === 'waiting' && queue !== undefined) parts.push(`queue #${queue}`);
  const unknown = unknownStatuses(task);
  if (unknown.length > 0) parts.push(`status ${unknown.join(', ')}`);
  if (task.jobs.length === 0 && task.lastPolledAt === undefined) parts.push('first check soon');
  return parts.join(' · ');
}

/** Whether the label is only the one we made up, so a folder name should use the task UUID instead. */
export function hasOwnLabel(task: Task): boolean {
  return task.label !== defaultLabel(task);
}

/** Changes worth a "changed" event: state, job statuses, queue position, the last error (downloads have their own). */
export function visibleSignature(task: Task): string {
  return JSON.stringify([
    task.state,
    task.label,
    task.jobs.map((j) => [j.status, j.queueLength]),
    task.lastError?.code,
    task.lastError?.message,
  ]);
}
