// Pure grouping of the snapshot's tasks into the window's sections (TASK_GROUPS), newest first within each.
import type { TaskView } from '../../shared/snapshot';
import {
  TASK_GROUP_NAMES,
  TASK_GROUPS,
  TASK_STATES,
  type TaskGroupKey,
  type TaskState,
} from '../../shared/task-states';

export type GroupKey = TaskGroupKey;

export interface TaskGroup {
  key: GroupKey;
  title: string;
  tasks: TaskView[];
}

export function groupOf(state: TaskState): GroupKey {
  return TASK_STATES[state].group;
}

function recency(task: TaskView): number {
  return task.finishedAt ?? task.generatingSince ?? task.addedAt;
}

export function groupTasks(tasks: readonly TaskView[]): TaskGroup[] {
  const buckets = new Map<GroupKey, TaskView[]>(TASK_GROUP_NAMES.map((key) => [key, []]));
  for (const task of tasks) buckets.get(groupOf(task.state))?.push(task);
  const groups: TaskGroup[] = [];
  for (const key of TASK_GROUP_NAMES) {
    const list = buckets.get(key) ?? [];
    if (list.length === 0) continue;
    const { title, finished } = TASK_GROUPS[key];
    // Finished groups order by when they finished, active ones by when they were added.
    list.sort(finished ? (a, b) => recency(b) - recency(a) : (a, b) => b.addedAt - a.addedAt);
    groups.push({ key, title, tasks: list });
  }
  return groups;
}
