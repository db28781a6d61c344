// Turns the core parser's verdict on pasted text into the one message the window shows.
import type { AddTasksResult } from '../../shared/ipc';
import { plural } from './format';

export interface AddMessage {
  tone: 'success' | 'info' | 'error';
  lines: string[];
}

export function describeAddResult(result: AddTasksResult): AddMessage {
  const lines: string[] = [];
  const { added, duplicates, rejected } = result;
  if (added.length === 1 && added[0]) lines.push(`Added “${added[0].label}”.`);
  else if (added.length > 1) lines.push(`Added ${plural(added.length, 'task')}.`);
  if (duplicates.length === 1 && duplicates[0]) lines.push(`“${duplicates[0].label}” is already in the list.`);
  else if (duplicates.length > 1) lines.push(`${plural(duplicates.length, 'task')} already in the list.`);
  for (const reason of rejected) lines.push(reason);
  if (lines.length === 0) lines.push('Nothing to add: no generation response, subscription key or task UUID found.');
  const tone = added.length > 0 ? 'success' : rejected.length > 0 || duplicates.length === 0 ? 'error' : 'info';
  return { tone, lines };
}
