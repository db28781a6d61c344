// What each tray menu item does: most are controller channels, the rest are window and app commands.
import type { InvokeFn } from '../../core/app/ipc-result';
import type { IpcResult } from '../../shared/ipc';
import type { TrayAction } from './tray-menu';

export interface TrayActionDeps {
  invoke: InvokeFn;
  showWindow: (route?: string) => void;
  addFromClipboard: () => Promise<void>;
  /** Opens the new-generation form with the clipboard's text or image in it. */
  newGenerationFromClipboard: () => void;
  quit: () => void;
  /** An action that failed (e.g. "nothing downloaded yet") is said in a notification: the menu has no other voice. */
  onFailure: (message: string) => void;
}

async function report(result: Promise<IpcResult<unknown>>, deps: TrayActionDeps): Promise<void> {
  const outcome = await result;
  if (!outcome.ok) deps.onFailure(outcome.error.message);
}

export async function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  const { invoke } = deps;
  switch (action.kind) {
    case 'show-window':
      deps.showWindow(action.taskId ? `task=${action.taskId}` : undefined);
      return;
    case 'settings':
      deps.showWindow('settings');
      return;
    case 'download':
      return report(invoke('tasks:download', { id: action.taskId }), deps);
    case 'open-folder':
      return report(invoke('tasks:open-folder', { id: action.taskId }), deps);
    case 'copy':
      return report(invoke('tasks:copy', { id: action.taskId, what: action.what }), deps);
    case 'remove':
      return report(invoke('tasks:remove', { id: action.taskId }), deps);
    case 'add-from-clipboard':
      return deps.addFromClipboard();
    case 'new-generation-from-clipboard':
      deps.newGenerationFromClipboard();
      return;
    case 'check-now':
      return report(invoke('polling:check-now', undefined), deps);
    case 'pause-polling':
      return report(invoke('polling:pause', undefined), deps);
    case 'resume-polling':
      return report(invoke('polling:resume', undefined), deps);
    case 'pause-notifications':
      return report(invoke('notifications:pause', { minutes: action.minutes }), deps);
    case 'resume-notifications':
      return report(invoke('notifications:resume', undefined), deps);
    case 'quit':
      deps.quit();
      return;
  }
}
