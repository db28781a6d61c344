// Writes the task list (and what the scheduler learned) to the store, gathered on the clock; demo tasks never are.
import type { Clock, TimerHandle } from '../clock';
import type { Task } from '../tasks/task';
import type { TaskTracker } from '../tasks/task-tracker';
import type { AppStore } from './types';

/** Task writes are gathered for this long before reaching the store (which may debounce further). */
export const PERSIST_COALESCE_MS = 250;

export interface TaskPersistence {
  /** The task list changed: save it soon. */
  saveSoon(): void;
  /** Stops pending writes, then saves and flushes the store now (for quitting). */
  saveNowAndStop(): void;
}

export function createTaskPersistence(deps: {
  clock: Clock;
  store: AppStore;
  tracker: TaskTracker;
  isDemoTask: (subscriptionKey: string) => boolean;
  /** Learning changes only as tasks change, so it rides along with every task write. */
  schedulerState?: () => unknown;
}): TaskPersistence {
  const { clock, store, tracker } = deps;
  let timer: TimerHandle | undefined;
  let stopped = false;

  function persistableTasks(): Task[] {
    return tracker.toJSON().filter((t) => !deps.isDemoTask(t.subscriptionKey));
  }

  function save(): void {
    store.saveTasks(persistableTasks());
    if (deps.schedulerState) store.saveSchedulerState?.(deps.schedulerState());
  }

  return {
    saveSoon() {
      if (stopped || timer !== undefined) return;
      timer = clock.setTimeout(() => {
        timer = undefined;
        save();
      }, PERSIST_COALESCE_MS);
    },
    saveNowAndStop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      save();
      store.flush();
    },
  };
}
