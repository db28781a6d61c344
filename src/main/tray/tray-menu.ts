// The tray context menu as plain data, built from a snapshot; the adapter turns actions into clicks.
import type { AppSnapshot, TaskView } from '../../shared/snapshot';
import { TASK_STATE_NAMES, TASK_STATES } from '../../shared/task-states';

export type TrayAction =
  | { kind: 'show-window'; taskId?: string }
  | { kind: 'download'; taskId: string }
  | { kind: 'open-folder'; taskId: string }
  | { kind: 'copy'; taskId: string; what: 'subscription-key' | 'task-uuid' }
  | { kind: 'remove'; taskId: string }
  | { kind: 'add-from-clipboard' }
  | { kind: 'check-now' }
  | { kind: 'pause-polling' }
  | { kind: 'resume-polling' }
  | { kind: 'pause-notifications'; minutes: number }
  | { kind: 'resume-notifications' }
  | { kind: 'settings' }
  | { kind: 'quit' };

export interface TrayMenuItem {
  type?: 'normal' | 'separator';
  label?: string;
  enabled?: boolean;
  action?: TrayAction;
  submenu?: TrayMenuItem[];
}

export interface TrayMenuOptions {
  /** How many tasks the menu lists in all (newest first within each state); the window shows the rest. */
  recentLimit?: number;
}

const separator: TrayMenuItem = { type: 'separator' };

/** Windows and Linux read "&" in a label as an accelerator marker; a task named "A&B" must show as typed. */
function escapeLabel(label: string): string {
  return label.replaceAll('&', '&&');
}

function countsLine(snapshot: AppSnapshot): string {
  const parts = TASK_STATE_NAMES.filter((state) => snapshot.counts[state] > 0).map(
    (state) => `${snapshot.counts[state]} ${TASK_STATES[state].word.toLowerCase()}`,
  );
  return parts.length ? parts.join(' · ') : 'No tasks yet';
}

function taskDetail(task: TaskView): string {
  switch (task.state) {
    case 'waiting':
      return task.queuePosition !== undefined ? `queue ${task.queuePosition}` : 'waiting';
    case 'generating':
      return `${task.jobsDone}/${task.jobsTotal} jobs`;
    case 'done':
      if (task.download?.status === 'downloading') return 'downloading…';
      if (task.download?.status === 'failed') return 'download failed';
      if (task.download?.status !== 'done') return 'done';
      return task.download.refusedNote ? `downloaded, ${task.download.refusedNote.split(':')[0]}` : 'downloaded';
    case 'failed':
    case 'canceled':
      return TASK_STATES[task.state].word.toLowerCase();
  }
}

function taskSubmenu(task: TaskView): TrayMenuItem[] {
  const items: TrayMenuItem[] = [{ label: 'Show', action: { kind: 'show-window', taskId: task.id } }];
  // What the download did, in words: "3 files saved, 1 refused: not an https link".
  const note = task.download?.status === 'failed' ? task.download.error : task.download?.note;
  if (note) items.push({ label: note.length > 80 ? `${note.slice(0, 79)}…` : note, enabled: false });
  if (task.state === 'done') {
    if (task.download?.status === 'done') {
      items.push({ label: 'Open results folder', action: { kind: 'open-folder', taskId: task.id } });
    } else {
      items.push({
        label: 'Download results',
        enabled: task.download?.status !== 'downloading',
        action: { kind: 'download', taskId: task.id },
      });
    }
  }
  items.push(
    { label: 'Copy subscription key', action: { kind: 'copy', taskId: task.id, what: 'subscription-key' } },
    {
      label: 'Copy task UUID',
      enabled: Boolean(task.taskUuid),
      action: { kind: 'copy', taskId: task.id, what: 'task-uuid' },
    },
    separator,
    { label: 'Remove', action: { kind: 'remove', taskId: task.id } },
  );
  return items;
}

function taskGroups(tasks: readonly TaskView[], limit: number): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  let left = limit;
  // The tray lists every state on its own (the window merges some into one section): the menu has room for it.
  for (const state of TASK_STATE_NAMES) {
    if (left <= 0) break;
    const inGroup = tasks.filter((task) => task.state === state);
    if (inGroup.length === 0) continue;
    const shown = inGroup.slice(0, left);
    left -= shown.length;
    items.push({ label: `${TASK_STATES[state].word} (${inGroup.length})`, enabled: false });
    for (const task of shown) {
      items.push({
        label: `${task.unseen ? '● ' : ''}${escapeLabel(task.label)} — ${taskDetail(task)}`,
        submenu: taskSubmenu(task),
      });
    }
  }
  return items;
}

export function buildTrayMenu(snapshot: AppSnapshot, options: TrayMenuOptions = {}): TrayMenuItem[] {
  const recentLimit = options.recentLimit ?? 10;
  const items: TrayMenuItem[] = [{ label: countsLine(snapshot), enabled: false }];
  if (snapshot.problem) items.push({ label: `⚠ ${escapeLabel(snapshot.problem.message)}`, enabled: false });
  if (snapshot.demo) items.push({ label: 'Demo mode: simulated tasks', enabled: false });

  const groups = taskGroups(snapshot.tasks, recentLimit);
  if (groups.length) items.push(separator, ...groups);
  if (snapshot.tasks.length > recentLimit) {
    items.push({ label: `All ${snapshot.tasks.length} tasks…`, action: { kind: 'show-window' } });
  }

  const pollingPausedByUser = snapshot.polling.paused && snapshot.polling.pausedBy === 'user';
  const notificationsPaused =
    snapshot.notificationsPausedUntil !== undefined && snapshot.notificationsPausedUntil > snapshot.now;
  items.push(
    separator,
    { label: 'Add from clipboard', action: { kind: 'add-from-clipboard' } },
    { label: 'Check now', enabled: !snapshot.polling.paused, action: { kind: 'check-now' } },
    pollingPausedByUser
      ? { label: 'Resume polling', action: { kind: 'resume-polling' } }
      : { label: 'Pause polling', action: { kind: 'pause-polling' } },
    notificationsPaused
      ? { label: 'Resume notifications', action: { kind: 'resume-notifications' } }
      : { label: 'Pause notifications for 1 hour', action: { kind: 'pause-notifications', minutes: 60 } },
    separator,
    { label: 'Show window', action: { kind: 'show-window' } },
    { label: 'Settings…', action: { kind: 'settings' } },
    separator,
    { label: 'Quit Rodin Tray', action: { kind: 'quit' } },
  );
  return items;
}
