// The main view: the add box over the task list, or the first-run help while there are no tasks.
import type { JSX } from 'preact';
import type { AppSnapshot } from '../../shared/snapshot';
import type { AddTasks } from '../hooks/use-add-tasks';
import { AddBox } from './add-box';
import { EmptyState } from './empty-state';
import { TaskList } from './task-list';
import type { OnRowAction } from './task-row';

export function TasksView({
  snapshot,
  adding,
  onAction,
  onSetKey,
  onDemo,
}: {
  snapshot: AppSnapshot;
  adding: AddTasks;
  onAction: OnRowAction;
  onSetKey: () => void;
  onDemo: () => void;
}): JSX.Element {
  return (
    <>
      <AddBox
        message={adding.addMessage}
        busy={adding.adding}
        onSubmit={adding.addText}
        onDismissMessage={() => adding.setAddMessage(undefined)}
      />
      <div class="scroll" tabIndex={-1}>
        {snapshot.tasks.length === 0 ? (
          <EmptyState keyStatus={snapshot.key} onSetKey={onSetKey} onDemo={onDemo} />
        ) : (
          <TaskList snapshot={snapshot} onAction={onAction} />
        )}
      </div>
    </>
  );
}
