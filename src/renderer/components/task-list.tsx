// The task list: one section per state group with its count, rows keyed by task id. Groups whose tasks did not change
// (same objects, see intern-tasks) are not re-rendered at all, which keeps a 1,000-task list cheap to update.
import type { JSX } from 'preact';
import { memo } from 'preact/compat';
import { useMemo, useRef } from 'preact/hooks';
import type { AppSnapshot } from '../../shared/snapshot';
import { statesInGroup, TASK_STATES } from '../../shared/task-states';
import { groupTasks, type TaskGroup } from '../state/group-tasks';
import { TaskRow, type OnRowAction } from './task-row';

function countFor(group: TaskGroup, counts: AppSnapshot['counts']): number {
  return statesInGroup(group.key).reduce((sum, state) => sum + counts[state], 0);
}

/** "incl. 2 canceled": the states a section holds besides the one it is named after. */
function groupNote(group: TaskGroup): string | undefined {
  const parts = statesInGroup(group.key)
    .filter((state) => state !== group.key)
    .map((state) => [state, group.tasks.filter((t) => t.state === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${TASK_STATES[state].word.toLowerCase()}`);
  return parts.length > 0 ? `incl. ${parts.join(', ')}` : undefined;
}

function sameMembers(a: TaskGroup | undefined, b: TaskGroup): boolean {
  return !!a && a.tasks.length === b.tasks.length && a.tasks.every((t, i) => t === b.tasks[i]);
}

const GroupSection = memo(function GroupSection({
  group,
  count,
  onAction,
}: {
  group: TaskGroup;
  count: number;
  onAction: OnRowAction;
}): JSX.Element {
  const note = groupNote(group);
  const headingId = `group-${group.key}`;
  return (
    <section class={`group group-${group.key}`} aria-labelledby={headingId}>
      <h2 id={headingId} class="group-title">
        <span>{group.title}</span>
        {note && <span class="group-note">{note}</span>}
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
});

export function TaskList({ snapshot, onAction }: { snapshot: AppSnapshot; onAction: OnRowAction }): JSX.Element {
  const previous = useRef<Map<string, TaskGroup>>(new Map());
  const groups = useMemo(() => {
    // Reuse the previous group object when its members are the same, so its section is skipped.
    const next = groupTasks(snapshot.tasks).map((g) => {
      const old = previous.current.get(g.key);
      return old && sameMembers(old, g) ? old : g;
    });
    previous.current = new Map(next.map((g) => [g.key, g]));
    return next;
  }, [snapshot.tasks]);
  return (
    <div class="task-list">
      {groups.map((group) => (
        <GroupSection key={group.key} group={group} count={countFor(group, snapshot.counts)} onAction={onAction} />
      ))}
    </div>
  );
}
