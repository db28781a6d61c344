// Every IPC channel the window may call: each a validated handler that asks the controller's parts to act.
import type { Scheduler } from '../scheduler/scheduler';
import type { Task } from '../tasks/task';
import type { TaskTracker } from '../tasks/task-tracker';
import { NO_TASK_UUID, type TaskDownloads } from '../download/task-downloads';
import { FILES_MISSING, type StoredFolders } from '../download/stored-folders';
import type { IpcHandlers } from '../../shared/ipc';
import type { AppSnapshot } from '../../shared/snapshot';
import { AppError } from './app-error';
import type { GenerationActions } from './generation-actions';
import type { KeyActions } from './key-actions';
import type { NotificationPause } from './notification-pause';
import { UNDO_WINDOW_MS, type RemovalUndo } from './removal-undo';
import type { DemoConnection, RodinConnection } from './rodin-connection';
import type { SettingsActions } from './settings-actions';
import { taskModelFile } from './task-model-file';
import type { TaskIntake } from './task-intake';
import type { Platform } from './types';
import { onlyGiven, validatedHandler as handle } from './validated-handler';

export interface IpcHandlerDeps {
  tracker: TaskTracker;
  scheduler: Pick<Scheduler, 'checkTask' | 'pause' | 'resume' | 'checkNow' | 'keyChanged'>;
  connection: Pick<RodinConnection, 'isDemo' | 'enterDemo'>;
  keys: Pick<KeyActions, 'set' | 'clear' | 'refreshBalance' | 'forgetVerdict'>;
  settings: Pick<SettingsActions, 'update'>;
  intake: Pick<TaskIntake, 'addText'>;
  removals: Pick<RemovalUndo, 'remove' | 'undo'>;
  downloads: Pick<TaskDownloads, 'request' | 'autoDownload'>;
  storedFolders: Pick<StoredFolders, 'verify'>;
  pause: Pick<NotificationPause, 'pause' | 'resume'>;
  generations: Pick<GenerationActions, 'submit' | 'takeDraft'>;
  platform: Platform;
  startDemo?: () => Promise<DemoConnection>;
  snapshot: () => AppSnapshot;
  /** Something the snapshot shows changed. */
  changed: () => void;
}

export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const { tracker, scheduler, connection, keys, downloads, storedFolders, platform, changed } = deps;

  function taskById(id: string): Task {
    const task = tracker.getById(id);
    if (!task) throw new AppError('NOT_FOUND', 'That task is no longer in the list.');
    return task;
  }

  /** The model's path, only from a stored folder that still checks out under the download roots. */
  async function modelFileOf(task: Task): Promise<string> {
    return taskModelFile(task, await storedFolders.verify(task));
  }

  return {
    'app:get-snapshot': handle('app:get-snapshot', () => deps.snapshot()),

    'tasks:add-text': handle('tasks:add-text', ({ text }) => deps.intake.addText(text)),

    'tasks:remove': handle('tasks:remove', ({ id }) => {
      deps.removals.remove(id, taskById(id));
      return { undoMs: UNDO_WINDOW_MS };
    }),
    'tasks:undo-remove': handle('tasks:undo-remove', ({ id }) => {
      deps.removals.undo(id);
    }),

    'tasks:rename': handle('tasks:rename', ({ id, label }) => {
      tracker.rename(taskById(id).subscriptionKey, label);
    }),

    'tasks:retry-now': handle('tasks:retry-now', ({ id }) => {
      scheduler.checkTask(taskById(id).subscriptionKey);
    }),

    'tasks:download': handle('tasks:download', ({ id }) => {
      const task = taskById(id);
      if (task.state !== 'done') throw new AppError('NOT_DONE', 'Results can be downloaded once the task is done.');
      if (!task.taskUuid) throw new AppError('NO_TASK_UUID', NO_TASK_UUID);
      downloads.request(task.subscriptionKey);
    }),

    'tasks:open-folder': handle('tasks:open-folder', async ({ id }) => {
      const task = taskById(id);
      if (!task.download?.folder)
        throw new AppError('NOT_DOWNLOADED', 'Nothing has been downloaded for this task yet.');
      const folder = await storedFolders.verify(task);
      if (!folder) throw new AppError('FILES_MISSING', FILES_MISSING);
      await platform.openPath(folder);
    }),

    'tasks:copy': handle('tasks:copy', async ({ id, what }) => {
      const task = taskById(id);
      if (what === 'subscription-key') {
        platform.copyText(task.subscriptionKey);
        return;
      }
      if (what === 'model-path') {
        platform.copyText(await modelFileOf(task));
        return;
      }
      if (!task.taskUuid) throw new AppError('NO_TASK_UUID', 'This task has no task UUID to copy.');
      platform.copyText(task.taskUuid);
    }),

    'tasks:open-model': handle('tasks:open-model', async ({ id }) => {
      await platform.openPath(await modelFileOf(taskById(id)));
    }),
    'tasks:show-model': handle('tasks:show-model', async ({ id }) => {
      platform.showItemInFolder(await modelFileOf(taskById(id)));
    }),
    'tasks:drag-model': handle('tasks:drag-model', async ({ id }) => {
      platform.startDrag(await modelFileOf(taskById(id)));
    }),

    'tasks:mark-seen': handle('tasks:mark-seen', ({ ids }) => {
      let any = false;
      for (const id of ids) {
        const task = tracker.getById(id);
        if (!task || !tracker.markSeen(task.subscriptionKey)) continue;
        any = true;
        // A link-added task held its download back until now.
        if (task.fromLink) downloads.autoDownload(tracker.get(task.subscriptionKey) ?? task);
      }
      if (any) changed();
    }),

    'polling:pause': handle('polling:pause', () => {
      scheduler.pause();
      changed();
    }),
    'polling:resume': handle('polling:resume', () => {
      scheduler.resume();
      changed();
    }),
    'polling:check-now': handle('polling:check-now', () => {
      scheduler.checkNow();
      changed();
    }),

    'key:set': handle('key:set', ({ key }) => keys.set(key)),
    'key:clear': handle('key:clear', () => keys.clear()),
    'balance:refresh': handle('balance:refresh', async () => ({ balance: await keys.refreshBalance() })),

    'settings:update': handle('settings:update', (patch, raw) => deps.settings.update(onlyGiven(patch, raw))),

    'settings:choose-download-folder': handle('settings:choose-download-folder', async () => {
      const folder = await platform.chooseFolder();
      if (folder) deps.settings.update({ downloadFolder: folder });
      return folder;
    }),

    'notifications:pause': handle('notifications:pause', ({ minutes }) => deps.pause.pause(minutes)),
    'notifications:resume': handle('notifications:resume', () => deps.pause.resume()),

    'demo:start': handle('demo:start', async () => {
      if (connection.isDemo()) return;
      if (!deps.startDemo) throw new AppError('DEMO_UNAVAILABLE', 'The demo is not available in this build.');
      connection.enterDemo(await deps.startDemo());
      keys.forgetVerdict();
      scheduler.keyChanged();
      scheduler.checkNow();
      void keys.refreshBalance().catch(() => undefined);
      changed();
    }),

    'generation:submit': handle('generation:submit', (request) => deps.generations.submit(request)),
    'generation:take-draft': handle('generation:take-draft', () => deps.generations.takeDraft()),

    'window:hide': handle('window:hide', () => {
      platform.hideWindow();
    }),
  };
}
