// What a task row's (and the detail view's) buttons and menu items do: each asks the app over the bridge and says
// how it went in the toast.
import { useCallback } from 'preact/hooks';
import type { RodinBridge } from '../../shared/ipc';
import type { TaskView } from '../../shared/snapshot';
import type { OnRowAction } from '../components/task-row';
import { call } from '../state/bridge';
import type { ToastControl } from './use-toast';

const COPIED = {
  'subscription-key': 'Subscription key copied',
  'task-uuid': 'Task UUID copied',
  'model-path': 'File path copied',
} as const;
/** Actions that only name the task: the window hears back only when one failed. */
const BY_ID = {
  download: 'tasks:download',
  'open-folder': 'tasks:open-folder',
  'open-model': 'tasks:open-model',
  'show-model': 'tasks:show-model',
  'drag-model': 'tasks:drag-model',
} as const;

export function useRowActions(deps: {
  bridge: RodinBridge;
  toasts: Pick<ToastControl, 'showToast' | 'hideToast' | 'reportFailure'>;
  openDetail: (id: string) => void;
}): OnRowAction {
  const { bridge, openDetail } = deps;
  const { showToast, hideToast, reportFailure } = deps.toasts;

  return useCallback(
    (task: TaskView, action) => {
      const id = task.id;
      switch (action.kind) {
        case 'rename':
          void call(bridge, 'tasks:rename', { id, label: action.label }).then(reportFailure);
          return;
        case 'retry-now':
          void call(bridge, 'tasks:retry-now', { id }).then((r) => reportFailure(r) && showToast('Checking again…'));
          return;
        case 'download':
        case 'open-folder':
        case 'open-model':
        case 'show-model':
        case 'drag-model':
          void call(bridge, BY_ID[action.kind], { id }).then(reportFailure);
          return;
        case 'copy':
          void call(bridge, 'tasks:copy', { id, what: action.what }).then(
            (r) => reportFailure(r) && showToast(COPIED[action.what]),
          );
          return;
        case 'open-detail':
          openDetail(id);
          return;
        case 'remove':
          void call(bridge, 'tasks:remove', { id }).then((r) => {
            if (!r.ok) {
              reportFailure(r);
              return;
            }
            // The core keeps the task exactly this long: offering Undo any longer would offer what it cannot do.
            showToast(
              `Removed “${task.label}”`,
              {
                label: 'Undo',
                run: () => {
                  hideToast();
                  void call(bridge, 'tasks:undo-remove', { id }).then(reportFailure);
                },
              },
              r.value.undoMs,
            );
            // The row is gone: keep keyboard users close to the way back.
            requestAnimationFrame(() => document.querySelector<HTMLElement>('.toast-action')?.focus());
          });
          return;
      }
    },
    [bridge, reportFailure, showToast, hideToast, openDetail],
  );
}
