// The confirmation a quick add (clipboard, --add, link) shows as a notification: what was added, or why nothing was.
import type { AddTasksResult, IpcResult } from '../../shared/ipc';

export interface Feedback {
  title: string;
  body: string;
  taskId?: string;
}

function names(items: readonly { label: string }[]): string {
  const shown = items.slice(0, 3).map((item) => item.label);
  return shown.join(', ') + (items.length > shown.length ? `, +${items.length - shown.length} more` : '');
}

export function describeAddResult(result: IpcResult<AddTasksResult>): Feedback {
  if (!result.ok) return { title: 'Nothing was added', body: result.error.message };
  const { added, duplicates, rejected } = result.value;
  if (added.length > 0) {
    const title = added.length === 1 ? 'Watching 1 new task' : `Watching ${added.length} new tasks`;
    const extra = duplicates.length ? ` (${duplicates.length} already watched)` : '';
    return {
      title,
      body: `${names(added)}${extra}`,
      ...(added.length === 1 && added[0] ? { taskId: added[0].id } : {}),
    };
  }
  if (duplicates.length > 0) {
    return { title: 'Already watching', body: names(duplicates) };
  }
  return { title: 'Nothing was added', body: rejected[0] ?? 'No task was found in the text.' };
}
