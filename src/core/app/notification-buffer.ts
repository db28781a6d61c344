// Gathers task finishes on the clock and judges each burst together, feeding onNotify (three or more: one summary).
import type { Clock, TimerHandle } from '../clock';
import { decideFinishNotifications } from '../notify/finish-notifications';
import type { Task } from '../tasks/task';
import { taskIdOf } from '../tasks/task-id';
import type { TaskTracker } from '../tasks/task-tracker';
import type { Settings } from '../../shared/settings';
import { createListeners } from './listeners';
import type { AppNotification } from '../notify/finish-notifications';

/** Finishes within this window are judged together (three or more become one summary). */
export const NOTIFY_COALESCE_MS = 1_500;

export interface NotificationBuffer {
  /** A task has just finished (not one that was finished when added). */
  add(subscriptionKey: string): void;
  onNotify(listener: (notification: AppNotification) => void): () => void;
  /** Drops a pending burst, marking its tasks notified. */
  stop(): void;
}

export function createNotificationBuffer(deps: {
  clock: Clock;
  tracker: TaskTracker;
  settings: () => Settings;
  pausedUntil: () => number | undefined;
}): NotificationBuffer {
  const { clock, tracker } = deps;
  const listeners = createListeners<AppNotification>();
  let timer: TimerHandle | undefined;
  let burst: string[] = [];

  function flush(): void {
    timer = undefined;
    const keys = burst;
    burst = [];
    const tasks = keys.map((key) => tracker.get(key)).filter((t): t is Task => t !== undefined);
    const notifications = decideFinishNotifications(
      { finished: tasks, settings: deps.settings(), pausedUntil: deps.pausedUntil(), now: clock.now() },
      (task) => taskIdOf(task.subscriptionKey),
    );
    // Marked even when silenced (paused, toggled off): "notified" means "never raise this one again".
    for (const task of tasks) tracker.markNotified(task.subscriptionKey);
    for (const notification of notifications) listeners.emit(notification);
  }

  return {
    add(subscriptionKey) {
      burst.push(subscriptionKey);
      timer ??= clock.setTimeout(flush, NOTIFY_COALESCE_MS);
    },
    onNotify: (listener) => listeners.add(listener),
    stop() {
      if (timer === undefined) return;
      clock.clearTimeout(timer);
      timer = undefined;
      // Quitting mid-burst: those finishes are not raised later, so mark them to keep "never twice" true.
      for (const key of burst) tracker.markNotified(key);
      burst = [];
    },
  };
}
