// Decides which native notifications a burst of finished tasks deserves: per-outcome toggles, pause, coalescing.
import type { Task } from '../tasks/task';
import type { Settings } from '../../shared/settings';
import type { AppNotification } from '../app/types';

/** Three or more finishes in one burst become a single summary rather than a wall of toasts. */
export const SUMMARY_THRESHOLD = 3;

export interface FinishNotificationInput {
  finished: readonly Task[];
  settings: Pick<Settings, 'notifyOnDone' | 'notifyOnFailed' | 'notificationSound'>;
  pausedUntil?: number;
  now: number;
}

/** "45 s", "1 min 12 s", "2 min", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (totalMinutes < 60) return seconds === 0 ? `${totalMinutes} min` : `${totalMinutes} min ${seconds} s`;
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

/** From submission (or when we started watching) to the finish: the wait the user actually experienced. */
export function taskDuration(task: Task): number | undefined {
  if (task.finishedAt === undefined) return undefined;
  return task.finishedAt - (task.submittedAt ?? task.addedAt);
}

function wantsNotification(task: Task, settings: FinishNotificationInput['settings']): boolean {
  if (task.finishedWhenAdded) return false;
  switch (task.state) {
    case 'done':
      return settings.notifyOnDone;
    case 'failed':
    case 'canceled':
      return settings.notifyOnFailed;
    case 'waiting':
    case 'generating':
      return false;
  }
}

const OUTCOME_WORD = { done: 'Done', failed: 'Failed', canceled: 'Canceled' } as const;

function single(task: Task, taskId: string | undefined, sound: boolean): AppNotification {
  const outcome = task.state === 'done' || task.state === 'failed' || task.state === 'canceled' ? task.state : 'done';
  const duration = taskDuration(task);
  const took = duration === undefined ? '' : ` after ${formatDuration(duration)}`;
  let body: string;
  if (outcome === 'done') body = `Finished${took}.`;
  else if (outcome === 'failed') body = `Failed${took}.${task.lastError ? ` ${task.lastError.message}` : ''}`;
  else body = `Canceled${took}.`;
  return { title: `${OUTCOME_WORD[outcome]}: ${task.label}`, body, ...(taskId ? { taskId } : {}), sound };
}

function summary(tasks: readonly Task[], sound: boolean): AppNotification {
  const done = tasks.filter((t) => t.state === 'done').length;
  const failed = tasks.filter((t) => t.state === 'failed').length;
  const canceled = tasks.filter((t) => t.state === 'canceled').length;
  const parts = [
    done > 0 ? `${done} done` : '',
    failed > 0 ? `${failed} failed` : '',
    canceled > 0 ? `${canceled} canceled` : '',
  ].filter(Boolean);
  const names = tasks.slice(0, 3).map((t) => t.label);
  const more = tasks.length > names.length ? `, +${tasks.length - names.length} more` : '';
  return { title: `${tasks.length} tasks finished`, body: `${parts.join(', ')}: ${names.join(', ')}${more}.`, sound };
}

/**
 * Zero or more notifications for one burst. `idOf` gives the window's task id so a click can show that task.
 * Tasks finished when added never notify; a pause (until a time in the future) silences everything.
 */
export function decideFinishNotifications(
  input: FinishNotificationInput,
  idOf?: (task: Task) => string,
): AppNotification[] {
  if (input.pausedUntil !== undefined && input.pausedUntil > input.now) return [];
  const wanted = input.finished.filter((t) => wantsNotification(t, input.settings));
  const sound = input.settings.notificationSound;
  if (wanted.length >= SUMMARY_THRESHOLD) return [summary(wanted, sound)];
  return wanted.map((t) => single(t, idOf?.(t), sound));
}
