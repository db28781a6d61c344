// Removing a task and bringing it back within the undo window; its download is only cancelled once the window ends.
import type { Clock, TimerHandle } from '../clock';
import type { Task } from '../tasks/task';
import type { TaskTracker } from '../tasks/task-tracker';
import { AppError } from './app-error';

/** How long a removed task can be brought back with "Undo". */
export const UNDO_WINDOW_MS = 10_000;

export interface RemovalUndo {
  /** Removes the task (known to the window as `id`) and keeps it for an undo. */
  remove(id: string, task: Task): void;
  /** Brings back a task removed within the undo window; throws NOT_FOUND after it. */
  undo(id: string): void;
  /** Forgets every removal still undo-able. */
  stop(): void;
}

export function createRemovalUndo(deps: {
  clock: Clock;
  tracker: TaskTracker;
  abortDownload: (subscriptionKey: string) => void;
}): RemovalUndo {
  const { clock, tracker } = deps;
  const removed = new Map<string, { task: Task; timer: TimerHandle }>();
  return {
    remove(id, task) {
      tracker.remove(task.subscriptionKey);
      const previous = removed.get(id);
      if (previous) clock.clearTimeout(previous.timer);
      const timer = clock.setTimeout(() => {
        removed.delete(id);
        deps.abortDownload(task.subscriptionKey);
      }, UNDO_WINDOW_MS);
      removed.set(id, { task, timer });
    },
    undo(id) {
      const entry = removed.get(id);
      if (!entry) throw new AppError('NOT_FOUND', 'That task can no longer be brought back.');
      clock.clearTimeout(entry.timer);
      removed.delete(id);
      tracker.restore(tracker.get(entry.task.subscriptionKey) ?? entry.task);
    },
    stop() {
      for (const { timer } of removed.values()) clock.clearTimeout(timer);
      removed.clear();
    },
  };
}
