// Checks the results folders read back from the store: a task whose folder is gone or out of bounds says its files are missing.
import type { Task } from '../tasks/task';
import type { TaskTracker } from '../tasks/task-tracker';
import { verifiedTaskFolder } from './task-folder';

export const FILES_MISSING =
  "This task's files are missing: its folder was moved, deleted or is not under the download folder. Download again.";

export interface StoredFolders {
  /** The task's folder, resolved, when it is a directory under a download root; otherwise the task is marked. */
  verify(task: Task): Promise<string | undefined>;
  /** Checks every task that has a folder (at start-up). */
  verifyAll(): Promise<void>;
}

export function createStoredFolders(deps: { tracker: TaskTracker; roots: () => string[] }): StoredFolders {
  const { tracker } = deps;

  async function verify(task: Task): Promise<string | undefined> {
    const folder = task.download?.folder;
    if (!folder) return undefined;
    for (const root of deps.roots()) {
      const verified = await verifiedTaskFolder(folder, root);
      if (verified) return verified;
    }
    const current = tracker.get(task.subscriptionKey);
    // Only if nothing changed meanwhile (a new download may have started into a fresh folder).
    if (current?.download?.folder === folder && current.download.status !== 'downloading') {
      // Nothing of the old path is kept: no preview, no "open folder" can point at it any more.
      tracker.setDownload(task.subscriptionKey, { status: 'failed', error: FILES_MISSING });
    }
    return undefined;
  }

  return {
    verify,
    async verifyAll() {
      for (const task of tracker.list()) if (task.download?.folder) await verify(task);
    },
  };
}
