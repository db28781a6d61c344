// The window: holds the latest snapshot, routes user intents to the bridge, and owns window-wide keys, paste and drop.
import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { RodinBridge } from '../shared/ipc';
import type { AppSnapshot, TaskView } from '../shared/snapshot';
import { AddBox } from './components/add-box';
import { EmptyState } from './components/empty-state';
import { Header } from './components/header';
import { NewGenerationView } from './components/new-generation-view';
import { ProblemBanner } from './components/problem-banner';
import { SettingsView } from './components/settings-view';
import { TaskDetail } from './components/task-detail';
import { parseHashRoute } from './state/hash-route';
import { TaskList } from './components/task-list';
import type { OnRowAction } from './components/task-row';
import { Toast, type ToastData } from './components/toast';
import { call } from './state/bridge';
import { describeAddResult, type AddMessage } from './state/describe-add';
import { finishAnnouncements } from './state/announce';
import { internTasks } from './state/intern-tasks';
import { formatCredits } from '../shared/format-credits';
import { syncClock } from './state/use-ticker';
import { useWindowDrop } from './state/use-window-drop';

const COPIED = {
  'subscription-key': 'Subscription key copied',
  'task-uuid': 'Task UUID copied',
  'model-path': 'File path copied',
} as const;
const TOAST_MS = 2500;

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function App({ bridge }: { bridge: RodinBridge }): JSX.Element {
  const [snapshot, setSnapshot] = useState<AppSnapshot>();
  const [view, setView] = useState<'tasks' | 'settings' | 'new' | 'detail'>('tasks');
  const [draftRequest, setDraftRequest] = useState(0);
  /** The task whose detail view (3D preview) is open, while view is 'detail'. */
  const [detailId, setDetailId] = useState<string>();
  const [focusKey, setFocusKey] = useState(false);
  const [addMessage, setAddMessage] = useState<AddMessage>();
  const [adding, setAdding] = useState(false);
  const [toast, setToast] = useState<ToastData>();
  const [announcement, setAnnouncement] = useState('');
  const [dismissedNotices, setDismissedNotices] = useState<string[]>([]);
  const previous = useRef<AppSnapshot>();
  const toastTimer = useRef<ReturnType<typeof setTimeout>>();
  const toastSeq = useRef(0);
  const settingsButtonFocus = useRef(false);

  // Snapshots: subscribe first, then ask for the current one, so nothing between the two is missed.
  useEffect(() => {
    let gotPush = false;
    const apply = (pushed: AppSnapshot): void => {
      const next = { ...pushed, tasks: internTasks(previous.current?.tasks, pushed.tasks) };
      syncClock(next.now);
      const lines = finishAnnouncements(previous.current, next);
      if (lines.length > 0) setAnnouncement(lines.join(' '));
      previous.current = next;
      setSnapshot(next);
    };
    const off = bridge.onSnapshot((next) => {
      gotPush = true;
      apply(next);
    });
    void call(bridge, 'app:get-snapshot', undefined).then((r) => {
      if (r.ok && !gotPush) apply(r.value);
    });
    return off;
  }, [bridge]);

  // Good news fades on its own; problems stay until dismissed or replaced.
  useEffect(() => {
    if (addMessage?.tone !== 'success') return undefined;
    const timer = setTimeout(() => setAddMessage((m) => (m === addMessage ? undefined : m)), 8000);
    return () => clearTimeout(timer);
  }, [addMessage]);

  const theme = snapshot?.settings.theme ?? 'system';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const showToast = useCallback((text: string, action?: ToastData['action'], ms = TOAST_MS): void => {
    clearTimeout(toastTimer.current);
    toastSeq.current += 1;
    const id = toastSeq.current;
    setToast({ id, text, ...(action ? { action } : {}) });
    toastTimer.current = setTimeout(() => {
      setToast((t) => (t?.id === id ? undefined : t));
      // Focus sat on the Undo button that just went away: put it somewhere useful rather than on <body>.
      if (document.activeElement === document.body || document.activeElement?.closest('.toast-slot')) {
        document.getElementById('add-input')?.focus();
      }
    }, ms);
  }, []);

  const reportFailure = useCallback(
    (r: { ok: boolean; error?: { message: string } }): boolean => {
      if (!r.ok) showToast(r.error?.message ?? 'That did not work.');
      return r.ok;
    },
    [showToast],
  );

  const addText = useCallback(
    async (text: string): Promise<boolean> => {
      setAdding(true);
      const r = await call(bridge, 'tasks:add-text', { text });
      setAdding(false);
      if (!r.ok) {
        setAddMessage({ tone: 'error', lines: [r.error.message] });
        return false;
      }
      setAddMessage(describeAddResult(r.value));
      return r.value.added.length > 0 || r.value.duplicates.length > 0;
    },
    [bridge],
  );

  const openSettings = useCallback((withKey: boolean) => {
    setFocusKey(withKey);
    setView('settings');
  }, []);
  const closeSettings = useCallback(() => {
    setView('tasks');
    setFocusKey(false);
    settingsButtonFocus.current = true;
  }, []);
  const closeDetail = useCallback(() => {
    setView('tasks');
    // Back where the user came from: the thumbnail that opened the view.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-task-id="${detailId}"] .preview`)?.focus());
  }, [detailId]);
  useEffect(() => {
    if (view === 'tasks' && settingsButtonFocus.current) {
      settingsButtonFocus.current = false;
      document.querySelector<HTMLElement>('.header [aria-label="Settings"]')?.focus();
    }
  }, [view]);

  const onRowAction: OnRowAction = useCallback(
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
          void call(bridge, 'tasks:download', { id }).then(reportFailure);
          return;
        case 'open-folder':
          void call(bridge, 'tasks:open-folder', { id }).then(reportFailure);
          return;
        case 'copy':
          void call(bridge, 'tasks:copy', { id, what: action.what }).then(
            (r) => reportFailure(r) && showToast(COPIED[action.what]),
          );
          return;
        case 'open-detail':
          setDetailId(id);
          setView('detail');
          return;
        case 'open-model':
          void call(bridge, 'tasks:open-model', { id }).then(reportFailure);
          return;
        case 'show-model':
          void call(bridge, 'tasks:show-model', { id }).then(reportFailure);
          return;
        case 'drag-model':
          void call(bridge, 'tasks:drag-model', { id }).then(reportFailure);
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
                  clearTimeout(toastTimer.current);
                  setToast(undefined);
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
    [bridge, reportFailure, showToast],
  );

  const onGenerationSubmitted = useCallback(
    (task: Pick<TaskView, 'id' | 'label'>, cost: number) => {
      setView('tasks');
      showToast(`Started “${task.label}” for ${formatCredits(cost)}`);
      requestAnimationFrame(() => {
        const row = document.querySelector<HTMLElement>(`[data-task-id="${task.id}"]`);
        row?.scrollIntoView({ block: 'nearest' });
        row?.focus();
      });
    },
    [showToast],
  );

  // The main process shows a task or the settings by setting the hash; clear it after so the same route works twice.
  useEffect(() => {
    const onHash = (): void => {
      const route = parseHashRoute(location.hash);
      if (!route) return;
      history.replaceState(null, '', location.pathname + location.search);
      if (route.kind === 'settings') {
        openSettings(false);
        return;
      }
      if (route.kind === 'new') {
        setView('new');
        setDraftRequest((n) => n + 1);
        return;
      }
      setView('tasks');
      requestAnimationFrame(() => {
        const row = document.querySelector<HTMLElement>(`[data-task-id="${route.id}"]`);
        row?.scrollIntoView({ block: 'nearest' });
        row?.focus();
      });
    };
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [openSettings]);

  // Window-wide keys: Escape closes what is open, else hides the window.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      if (view === 'settings') closeSettings();
      else if (view === 'new') setView('tasks');
      else if (view === 'detail') closeDetail();
      else void call(bridge, 'window:hide', undefined);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [bridge, view, closeSettings, closeDetail]);

  // Paste anywhere that is not a text field adds what was pasted.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent): void => {
      // The new-generation form takes pasted images itself.
      if (view === 'new' || isEditable(e.target)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!text.trim()) return;
      e.preventDefault();
      if (view !== 'tasks') setView('tasks');
      void addText(text);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [addText, view]);

  // Dropping a .json file (or dragged text) adds it too; the new-generation form takes dropped images itself.
  const dragging = useWindowDrop((e) => {
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length > 0) {
      const wanted = files.filter(
        (f) => /\.(json|txt)$/i.test(f.name) || f.type === 'application/json' || f.type.startsWith('text/'),
      );
      if (wanted.length === 0) {
        setAddMessage({ tone: 'error', lines: ['Only .json or text files can be dropped here.'] });
        return;
      }
      void Promise.all(wanted.map((f) => f.text())).then((texts) => addText(texts.join('\n')));
      return;
    }
    const text = e.dataTransfer?.getData('text/plain');
    if (text) void addText(text);
  }, view !== 'new');

  // Finished tasks count as seen once they have been on screen for a moment while the window is shown.
  const unseenIds = snapshot?.tasks.filter((t) => t.unseen).map((t) => t.id) ?? [];
  const unseenKey = unseenIds.join(',');
  useEffect(() => {
    if (!unseenKey || view !== 'tasks') return undefined;
    const timer = setTimeout(() => {
      if (document.visibilityState === 'visible' && document.hasFocus())
        void call(bridge, 'tasks:mark-seen', { ids: unseenKey.split(',') });
    }, 4000);
    return () => clearTimeout(timer);
  }, [bridge, unseenKey, view]);

  if (!snapshot) {
    return (
      <main class="app loading" aria-busy="true">
        <p class="muted">Connecting…</p>
      </main>
    );
  }

  const notices = snapshot.notices.filter((n) => !dismissedNotices.includes(n));
  // A removed task takes its detail view with it: the list shows instead.
  const detailTask = view === 'detail' ? snapshot.tasks.find((t) => t.id === detailId) : undefined;
  const pauseToggle = (): void => {
    const paused = snapshot.polling.paused && snapshot.polling.pausedBy === 'user';
    void call(bridge, paused ? 'polling:resume' : 'polling:pause', undefined).then(reportFailure);
  };
  const checkNow = (): void => {
    void call(bridge, 'polling:check-now', undefined).then(
      (r) => reportFailure(r) && showToast('Checking all tasks now'),
    );
  };

  return (
    <main class={dragging ? 'app dragging' : 'app'}>
      <Header
        snapshot={snapshot}
        onPauseToggle={pauseToggle}
        onCheckNow={checkNow}
        onOpenSettings={() => (view === 'settings' ? closeSettings() : openSettings(false))}
        onNewGeneration={() => setView(view === 'new' ? 'tasks' : 'new')}
        onRefreshBalance={() => void call(bridge, 'balance:refresh', undefined).then(reportFailure)}
      />
      <ProblemBanner
        problem={snapshot.problem}
        polling={snapshot.polling}
        onSetKey={() => openSettings(true)}
        onCheckNow={checkNow}
        onResume={pauseToggle}
      />
      {notices.map((notice) => (
        <div class="banner banner-info" role="status" key={notice}>
          <div class="banner-text">
            <span>{notice}</span>
          </div>
          <button type="button" class="button button-small" onClick={() => setDismissedNotices((d) => [...d, notice])}>
            OK
          </button>
        </div>
      ))}
      {view === 'settings' ? (
        <SettingsView snapshot={snapshot} bridge={bridge} focusKey={focusKey} onClose={closeSettings} />
      ) : view === 'new' ? (
        <NewGenerationView
          snapshot={snapshot}
          bridge={bridge}
          draftRequest={draftRequest}
          onClose={() => setView('tasks')}
          onSubmitted={onGenerationSubmitted}
        />
      ) : view === 'detail' && detailTask ? (
        <TaskDetail task={detailTask} onBack={closeDetail} onAction={onRowAction} />
      ) : (
        <>
          <AddBox
            message={addMessage}
            busy={adding}
            onSubmit={addText}
            onDismissMessage={() => setAddMessage(undefined)}
          />
          <div class="scroll" tabIndex={-1}>
            {snapshot.tasks.length === 0 ? (
              <EmptyState
                keyStatus={snapshot.key}
                onSetKey={() => openSettings(true)}
                onDemo={() => void call(bridge, 'demo:start', undefined).then(reportFailure)}
              />
            ) : (
              <TaskList snapshot={snapshot} onAction={onRowAction} />
            )}
          </div>
        </>
      )}
      <Toast toast={toast} />
      <div class="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
      {dragging && (
        <div class="drop-hint" aria-hidden="true">
          Drop a generation response (.json) to add it
        </div>
      )}
    </main>
  );
}
