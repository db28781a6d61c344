// The task list: one section per state group with its count, rows keyed by task id.
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { AppSnapshot, TaskView } from '../../shared/snapshot';
import { groupTasks, type GroupKey } from '../state/group-tasks';
import { TaskRow, type OnRowAction } from './task-row';

function countFor(key: GroupKey, counts: AppSnapshot['counts'], tasks: TaskView[]): number {
  if (key === 'failed') return counts.failed + counts.canceled;
  return counts[key] ?? tasks.length;
}

export function TaskList({ snapshot, onAction }: { snapshot: AppSnapshot; onAction: OnRowAction }): JSX.Element {
  const groups = useMemo(() => groupTasks(snapshot.tasks), [snapshot.tasks]);
  return (
    <div class="task-list">
      {groups.map((group) => {
        const count = countFor(group.key, snapshot.counts, group.tasks);
        const canceled = group.key === 'failed' ? group.tasks.filter((t) => t.state === 'canceled').length : 0;
        const headingId = `group-${group.key}`;
        return (
          <section key={group.key} class={`group group-${group.key}`} aria-labelledby={headingId}>
            <h2 id={headingId} class="group-title">
              <span>{group.title}</span>
              {canceled > 0 && <span class="group-note">incl. {canceled} canceled</span>}
              <span class="count" aria-label={`${count} ${count === 1 ? 'task' : 'tasks'}`}>
                {count}
              </span>
            </h2>
            <ul class="rows" aria-labelledby={headingId}>
              {group.tasks.map((task) => (
                <TaskRow key={task.id} task={task} onAction={onAction} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
