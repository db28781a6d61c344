// Keeps the previous object for every task that did not change, so unchanged rows and whole groups can be skipped
// by identity. Snapshots arrive structured-cloned over IPC, so without this every task is "new" on every push.
import type { TaskView } from '../../shared/snapshot';
import { sameTaskView } from './same-task';

export function internTasks(previous: readonly TaskView[] | undefined, next: TaskView[]): TaskView[] {
  if (!previous || previous.length === 0) return next;
  const byId = new Map<string, TaskView>();
  for (const task of previous) byId.set(task.id, task);
  let allReused = previous.length === next.length;
  const out = next.map((task, i) => {
    const old = byId.get(task.id);
    if (old && sameTaskView(old, task)) {
      if (previous[i] !== old) allReused = false;
      return old;
    }
    allReused = false;
    return task;
  });
  return allReused ? (previous as TaskView[]) : out;
}
