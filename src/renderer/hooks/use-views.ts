// Which view the window shows (task list, settings, new generation, task detail), how each opens and closes, and
// where keyboard focus goes when one closes.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { HashRoute } from '../state/hash-route';

export type View = 'tasks' | 'settings' | 'new' | 'detail';

export interface Views {
  view: View;
  /** Settings opened to enter the key: the key field takes focus. */
  focusKey: boolean;
  /** The task whose detail view (3D preview) is open, while view is 'detail'. */
  detailId: string | undefined;
  /** Counts requests for a fresh draft in the new-generation form (the tray's "from clipboard"). */
  draftRequest: number;
  showTasks: () => void;
  /** The task list, scrolled to the task's row with focus on it. */
  showTask: (id: string) => void;
  openSettings: (withKey: boolean) => void;
  closeSettings: () => void;
  toggleSettings: () => void;
  toggleNew: () => void;
  openDetail: (id: string) => void;
  closeDetail: () => void;
  /** Where main's hash route asks to go. */
  openRoute: (route: HashRoute) => void;
  /** Closes the open view; false when the task list was showing (nothing to close). */
  closeCurrent: () => boolean;
}

export function useViews(): Views {
  const [view, setView] = useState<View>('tasks');
  const [draftRequest, setDraftRequest] = useState(0);
  const [detailId, setDetailId] = useState<string>();
  const [focusKey, setFocusKey] = useState(false);
  const settingsButtonFocus = useRef(false);

  const showTasks = useCallback(() => setView('tasks'), []);
  const showTask = useCallback((id: string) => {
    setView('tasks');
    requestAnimationFrame(() => {
      const row = document.querySelector<HTMLElement>(`[data-task-id="${id}"]`);
      row?.scrollIntoView({ block: 'nearest' });
      row?.focus();
    });
  }, []);

  const openSettings = useCallback((withKey: boolean) => {
    setFocusKey(withKey);
    setView('settings');
  }, []);
  const closeSettings = useCallback(() => {
    setView('tasks');
    setFocusKey(false);
    settingsButtonFocus.current = true;
  }, []);
  useEffect(() => {
    if (view === 'tasks' && settingsButtonFocus.current) {
      settingsButtonFocus.current = false;
      document.querySelector<HTMLElement>('.header [aria-label="Settings"]')?.focus();
    }
  }, [view]);

  const openDetail = useCallback((id: string) => {
    setDetailId(id);
    setView('detail');
  }, []);
  const closeDetail = useCallback(() => {
    setView('tasks');
    // Back where the user came from: the thumbnail that opened the view.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-task-id="${detailId}"] .preview`)?.focus());
  }, [detailId]);

  const openRoute = useCallback(
    (route: HashRoute) => {
      if (route.kind === 'settings') {
        openSettings(false);
        return;
      }
      if (route.kind === 'new') {
        setView('new');
        setDraftRequest((n) => n + 1);
        return;
      }
      showTask(route.id);
    },
    [openSettings, showTask],
  );

  const closeCurrent = useCallback((): boolean => {
    if (view === 'settings') closeSettings();
    else if (view === 'new') setView('tasks');
    else if (view === 'detail') closeDetail();
    else return false;
    return true;
  }, [view, closeSettings, closeDetail]);

  return {
    view,
    focusKey,
    detailId,
    draftRequest,
    showTasks,
    showTask,
    openSettings,
    closeSettings,
    toggleSettings: () => (view === 'settings' ? closeSettings() : openSettings(false)),
    toggleNew: () => setView(view === 'new' ? 'tasks' : 'new'),
    openDetail,
    closeDetail,
    openRoute,
    closeCurrent,
  };
}
