// What follows each change in the task list: the list is saved, the window and tray get a new snapshot, a finish
// is announced and notified, and a done task's results are fetched when automatic downloads are on.
import type { TaskDownloads } from '../download/task-downloads';
import type { TaskTracker } from '../tasks/task-tracker';
import type { KeyActions } from './key-actions';
import type { Listeners } from './listeners';
import type { NotificationBuffer } from './notification-buffer';
import type { TaskPersistence } from './task-persistence';
import type { FinishedEvent } from './types';

export function followTaskEvents(deps: {
  tracker: TaskTracker;
  persistence: Pick<TaskPersistence, 'saveSoon'>;
  keys: Pick<KeyActions, 'keyWorks'>;
  finishedListeners: Pick<Listeners<FinishedEvent>, 'emit'>;
  notifications: Pick<NotificationBuffer, 'add'>;
  downloads: Pick<TaskDownloads, 'autoDownload'>;
  /** Something the snapshot shows changed. */
  changed: () => void;
}): void {
  const { tracker, persistence, changed } = deps;
  tracker.on('added', () => {
    persistence.saveSoon();
    changed();
  });
  tracker.on('removed', () => {
    persistence.saveSoon();
    changed();
  });
  tracker.on('changed', (task, previous) => {
    // A status answer proves the key works, whatever a lone balance call said earlier.
    if (task.lastPolledAt !== previous.lastPolledAt) deps.keys.keyWorks();
    persistence.saveSoon();
    changed();
  });
  tracker.on('finished', (task) => {
    if (!task.finishedWhenAdded) {
      deps.finishedListeners.emit({ task });
      deps.notifications.add(task.subscriptionKey);
    }
    deps.downloads.autoDownload(task);
  });
}
