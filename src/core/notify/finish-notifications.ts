// Decides which native notifications a burst of finished tasks deserves: per-outcome toggles, pause, coalescing.
import { taskDuration, type Task } from '../tasks/task';
import type { Settings } from '../../shared/settings';
import { formatDuration } from '../../shared/format-duration';
import { outcomeOf, TASK_STATE_NAMES, TASK_STATES } from '../../shared/task-states';

/** A native notification main should raise; `taskId` (the window's id) lets a click show that task. */
export interface AppNotification {
  title: string;
  body: string;
  taskId?: string;
  sound: boolean;
}

/** Three or more finishes in one burst become a single summary rather than a wall of toasts. */
export const SUMMARY_THRESHOLD = 3;

export interface FinishNotificationInput {
  finished: readonly Task[];
  settings: Pick<Settings, 'notifyOnDone' | 'notifyOnFailed' | 'notificationSound'>;
  pausedUntil?: number;
  now: number;
}

function wantsNotification(task: Task, settings: FinishNotificationInput['settings']): boolean {
  if (task.finishedWhenAdded) return false;
  switch (outcomeOf(task.state)) {
    case 'success':
      return settings.notifyOnDone;
    case 'failure':
      return settings.notifyOnFailed;
    case undefined:
      return false;
  }
}

function single(task: Task, taskId: string | undefined, sound: boolean): AppNotification {
  const { word } = TASK_STATES[task.state];
  const outcome = outcomeOf(task.state);
  const duration = taskDuration(task);
  const took = duration === undefined ? '' : ` after ${formatDuration(duration)}`;
  // "Finished" rather than "Done" in the body: the title already says Done, and the sentence reads better.
  const reason = outcome === 'failure' && task.lastError ? ` ${task.lastError.message}` : '';
  const body = `${outcome === 'success' ? 'Finished' : word}${took}.${reason}`;
  return { title: `${word}: ${task.label}`, body, ...(taskId ? { taskId } : {}), sound };
}

function summary(tasks: readonly Task[], sound: boolean): AppNotification {
  const parts = TASK_STATE_NAMES.map((state) => [state, tasks.filter((t) => t.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${TASK_STATES[state].word.toLowerCase()}`);
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
