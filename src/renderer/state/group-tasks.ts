// Pure grouping of the snapshot's tasks into the window's sections, newest first within each.
import type { TaskStateName, TaskView } from '../../shared/snapshot';

export type GroupKey = 'generating' | 'waiting' | 'done' | 'failed';

export interface TaskGroup {
  key: GroupKey;
  title: string;
  tasks: TaskView[];
}

const ORDER: { key: GroupKey; title: string }[] = [
  { key: 'generating', title: 'Generating' },
  { key: 'waiting', title: 'Waiting' },
  { key: 'done', title: 'Done' },
  { key: 'failed', title: 'Failed' },
];

/** Canceled tasks sit with the failed ones: both need the user's attention and neither will finish. */
export function groupOf(state: TaskStateName): GroupKey {
  return state === 'canceled' ? 'failed' : state;
}

function recency(task: TaskView): number {
  return task.finishedAt ?? task.generatingSince ?? task.addedAt;
}

export function groupTasks(tasks: readonly TaskView[]): TaskGroup[] {
  const buckets: Record<GroupKey, TaskView[]> = { generating: [], waiting: [], done: [], failed: [] };
  for (const task of tasks) buckets[groupOf(task.state)].push(task);
  const groups: TaskGroup[] = [];
  for (const { key, title } of ORDER) {
    const list = buckets[key];
    if (list.length === 0) continue;
    // Finished groups order by when they finished, active ones by when they were added.
    list.sort(key === 'done' || key === 'failed' ? (a, b) => recency(b) - recency(a) : (a, b) => b.addedAt - a.addedAt);
    groups.push({ key, title, tasks: list });
  }
  return groups;
}
