// The window: holds the latest snapshot, shows one view at a time, and routes user intents to the bridge. Each
// concern lives in its own hook under hooks/; this file only composes them.
import type { JSX } from 'preact';
import { useCallback } from 'preact/hooks';
import type { RodinBridge } from '../shared/ipc';
import type { TaskView } from '../shared/snapshot';
import { formatCredits } from '../shared/format-credits';
import { Header } from './components/header';
import { NewGenerationView } from './components/new-generation-view';
import { NoticeBanners } from './components/notice-banners';
import { ProblemBanner } from './components/problem-banner';
import { SettingsView } from './components/settings-view';
import { TaskDetail } from './components/task-detail';
import { TasksView } from './components/tasks-view';
import { Toast } from './components/toast';
import { useAddTasks } from './hooks/use-add-tasks';
import { useEscapeKey } from './hooks/use-escape-key';
import { useHashRoute } from './hooks/use-hash-route';
import { useMarkSeen } from './hooks/use-mark-seen';
import { usePasteAndDrop } from './hooks/use-paste-and-drop';
import { useRowActions } from './hooks/use-row-actions';
import { useSnapshot } from './hooks/use-snapshot';
import { useTheme } from './hooks/use-theme';
import { useToast } from './hooks/use-toast';
import { useViews } from './hooks/use-views';
import { call } from './state/bridge';

export function App({ bridge }: { bridge: RodinBridge }): JSX.Element {
  const { snapshot, announcement } = useSnapshot(bridge);
  const views = useViews();
  const toasts = useToast();
  const { showToast, reportFailure } = toasts;
  const adding = useAddTasks(bridge);
  const onRowAction = useRowActions({ bridge, toasts, openDetail: views.openDetail });
  useTheme(snapshot?.settings.theme ?? 'system');
  useHashRoute(views.openRoute);
  useEscapeKey(bridge, views.closeCurrent);
  const dragging = usePasteAndDrop(views, adding);
  useMarkSeen(bridge, snapshot?.tasks, views.view === 'tasks');

  const { showTask } = views;
  const onGenerationSubmitted = useCallback(
    (task: Pick<TaskView, 'id' | 'label'>, cost: number) => {
      showTask(task.id);
      showToast(`Started “${task.label}” for ${formatCredits(cost)}`);
    },
    [showTask, showToast],
  );

  if (!snapshot) {
    return (
      <main class="app loading" aria-busy="true">
        <p class="muted">Connecting…</p>
      </main>
    );
  }

  // A removed task takes its detail view with it: the list shows instead.
  const detailTask = views.view === 'detail' ? snapshot.tasks.find((t) => t.id === views.detailId) : undefined;
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
        onOpenSettings={views.toggleSettings}
        onNewGeneration={views.toggleNew}
        onRefreshBalance={() => void call(bridge, 'balance:refresh', undefined).then(reportFailure)}
      />
      <ProblemBanner
        problem={snapshot.problem}
        polling={snapshot.polling}
        onSetKey={() => views.openSettings(true)}
        onCheckNow={checkNow}
        onResume={pauseToggle}
      />
      <NoticeBanners notices={snapshot.notices} />
      {views.view === 'settings' ? (
        <SettingsView snapshot={snapshot} bridge={bridge} focusKey={views.focusKey} onClose={views.closeSettings} />
      ) : views.view === 'new' ? (
        <NewGenerationView
          snapshot={snapshot}
          bridge={bridge}
          draftRequest={views.draftRequest}
          onClose={views.showTasks}
          onSubmitted={onGenerationSubmitted}
        />
      ) : detailTask ? (
        <TaskDetail task={detailTask} onBack={views.closeDetail} onAction={onRowAction} />
      ) : (
        <TasksView
          snapshot={snapshot}
          adding={adding}
          onAction={onRowAction}
          onSetKey={() => views.openSettings(true)}
          onDemo={() => void call(bridge, 'demo:start', undefined).then(reportFailure)}
        />
      )}
      <Toast toast={toasts.toast} />
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
