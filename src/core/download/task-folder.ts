// Where a task's results live: the folder's name under the download root, and the check that a stored path is still one.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Task } from '../tasks/task';
import { taskIdOf } from '../tasks/task-id';
import { safeFileName } from './safe-file-name';

/** "<label>-<first 8 of the task id>": readable, and two tasks with one label never share a folder. */
export function taskFolderName(task: Pick<Task, 'label' | 'subscriptionKey'>): string {
  const id = taskIdOf(task.subscriptionKey);
  return safeFileName(`${task.label}-${id.slice(0, 8)}`, new Set());
}

/** True when `inner` is `outer` itself or somewhere below it (both already resolved). */
export function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The stored folder, resolved, when it is a directory strictly under the download root; undefined otherwise.
 * The store is a file anyone with the user's rights can edit: a path read back from it is never trusted as is.
 */
export async function verifiedTaskFolder(folder: string | undefined, root: string): Promise<string | undefined> {
  if (!folder || !path.isAbsolute(folder)) return undefined;
  try {
    const [real, realRoot] = await Promise.all([realpath(folder), realpath(root)]);
    if (real === realRoot || !isInside(real, realRoot)) return undefined;
    return (await stat(real)).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}
