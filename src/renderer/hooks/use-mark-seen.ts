// Finished tasks count as seen once they have been on screen for a moment while the window is shown.
import { useEffect } from 'preact/hooks';
import type { RodinBridge } from '../../shared/ipc';
import type { TaskView } from '../../shared/snapshot';
import { call } from '../state/bridge';

const SEEN_AFTER_MS = 4000;

/** `onScreen`: the task list is the view showing. */
export function useMarkSeen(bridge: RodinBridge, tasks: readonly TaskView[] | undefined, onScreen: boolean): void {
  const unseenKey = (tasks ?? [])
    .filter((t) => t.unseen)
    .map((t) => t.id)
    .join(',');
  useEffect(() => {
    if (!unseenKey || !onScreen) return undefined;
    const timer = setTimeout(() => {
      if (document.visibilityState === 'visible' && document.hasFocus())
        void call(bridge, 'tasks:mark-seen', { ids: unseenKey.split(',') });
    }, SEEN_AFTER_MS);
    return () => clearTimeout(timer);
  }, [bridge, unseenKey, onScreen]);
}
