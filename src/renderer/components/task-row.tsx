// One task: state (icon + word + colour), label that renames on click, time, progress, error with retry, preview, actions.
import type { JSX } from 'preact';
import { memo } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TaskView } from '../../shared/snapshot';
import { formatBytes } from '../../shared/format-bytes';
import { formatDuration, formatStopwatch } from '../../shared/format-duration';
import { isActive, TASK_STATES } from '../../shared/task-states';
import { formatAgo } from '../state/format';
import { sameTaskView } from '../state/same-task';
import { useNow } from '../hooks/use-ticker';
import { Icon } from './icons';

export type RowAction =
  | { kind: 'rename'; label: string }
  | { kind: 'retry-now' }
  | { kind: 'download' }
  | { kind: 'open-folder' }
  | { kind: 'copy'; what: 'subscription-key' | 'task-uuid' | 'model-path' }
  | { kind: 'remove' }
  | { kind: 'open-detail' }
  | { kind: 'open-model' }
  | { kind: 'show-model' }
  | { kind: 'drag-model' };

export type OnRowAction = (task: TaskView, action: RowAction) => void;

function TimeText({ task }: { task: TaskView }): JSX.Element {
  const active = isActive(task.state);
  const now = useNow(active);
  if (active) {
    const since = task.state === 'generating' ? (task.generatingSince ?? task.addedAt) : task.addedAt;
    return (
      <span class="time" title={task.state === 'generating' ? 'Time generating' : 'Time since added'}>
        <span class="tabular">{formatStopwatch(now - since)}</span>
      </span>
    );
  }
  const finishedAt = task.finishedAt ?? task.addedAt;
  return (
    <span class="time" title={new Date(finishedAt).toLocaleString()}>
      {task.state === 'done' && (task.durationMs ?? 0) >= 1_000
        ? `took ${formatDuration(task.durationMs ?? 0)} · `
        : ''}
      {formatAgo(now - finishedAt)}
    </span>
  );
}

function Progress({ task }: { task: TaskView }): JSX.Element | null {
  const jobs = task.jobsTotal > 0 ? `${task.jobsDone}/${task.jobsTotal} jobs` : 'no jobs yet';
  if (task.state === 'generating') {
    return (
      <div class="progress-line">
        <progress class="bar" aria-label={`Generating, ${jobs} done`} />
        <span class="muted tabular">{jobs}</span>
      </div>
    );
  }
  return null;
}

function DownloadLine({ task }: { task: TaskView }): JSX.Element | null {
  const d = task.download;
  if (!d || task.state !== 'done') return null;
  switch (d.status) {
    case 'pending':
      return <div class="download muted">Download queued…</div>;
    case 'downloading': {
      const received = d.receivedBytes ?? 0;
      const total = d.totalBytes;
      return (
        <div class="progress-line download">
          {total ? (
            <progress class="bar bar-download" value={received} max={total} aria-label="Download progress" />
          ) : (
            <progress class="bar bar-download" aria-label="Downloading" />
          )}
          <span class="muted tabular">
            {formatBytes(received)}
            {total ? ` / ${formatBytes(total)}` : ''}
            {d.fileCount ? ` · ${d.filesDone ?? 0}/${d.fileCount} files` : ''}
          </span>
        </div>
      );
    }
    case 'done':
      return (
        <div
          class={d.refusedNote ? 'download warning-text' : 'download muted'}
          role={d.refusedNote ? 'note' : undefined}
        >
          Downloaded{d.note ? ` · ${d.note}` : ''}
        </div>
      );
    case 'failed':
      return (
        <div class="download error-text" role="note">
          Download failed{d.error ? `: ${d.error}` : ''}
          {d.refusedNote ? ` (${d.refusedNote})` : ''}
        </div>
      );
  }
}

function Label({ task, onAction }: { task: TaskView; onAction: OnRowAction }): JSX.Element {
  const [editing, setEditing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) {
      input.current?.focus();
      input.current?.select();
    } else if (wasEditing.current) {
      button.current?.focus();
    }
    wasEditing.current = editing;
  }, [editing]);

  if (!editing) {
    return (
      <button ref={button} type="button" class="label" title="Click to rename" onClick={() => setEditing(true)}>
        <span class="label-text">{task.label}</span>
        <span class="visually-hidden">, rename</span>
      </button>
    );
  }
  const commit = (): void => {
    const value = input.current?.value.trim() ?? '';
    setEditing(false);
    if (value && value !== task.label) onAction(task, { kind: 'rename', label: value });
  };
  return (
    <input
      ref={input}
      class="label-input"
      type="text"
      maxLength={200}
      defaultValue={task.label}
      aria-label="Task name"
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape') {
          // Escape here cancels the rename only; it must not also hide the window.
          e.preventDefault();
          e.stopPropagation();
          setEditing(false);
        }
      }}
      onBlur={commit}
    />
  );
}

function ActionButton(props: {
  icon: Parameters<typeof Icon>[0]['name'];
  label: string;
  onClick: () => void;
  danger?: boolean;
}): JSX.Element {
  return (
    <button
      type="button"
      class={props.danger ? 'icon-button danger' : 'icon-button'}
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
    >
      <Icon name={props.icon} />
    </button>
  );
}

function TaskRowView({ task, onAction }: { task: TaskView; onAction: OnRowAction }): JSX.Element {
  const act = (action: RowAction) => () => onAction(task, action);
  const d = task.download;
  const active = isActive(task.state);
  const canDownload = task.state === 'done' && (!d || d.status === 'failed' || d.status === 'done');
  const { word: stateWord, icon } = TASK_STATES[task.state];
  return (
    <li
      class={`row state-${task.state}${task.unseen ? ' unseen' : ''}`}
      data-task-id={task.id}
      // Focusable from code only, so a tray "Show" can bring this row into view.
      tabIndex={-1}
      aria-label={`${task.label}: ${stateWord}`}
    >
      <div class="row-state" aria-hidden="true">
        <Icon name={icon} class={task.state === 'generating' ? 'spin' : undefined} />
      </div>
      <div class="row-body">
        <div class="row-title">
          <Label task={task} onAction={onAction} />
          {task.unseen && <span class="unseen-dot" title="New" />}
        </div>
        <div class="row-meta">
          <span class="state-word">{stateWord}</span>
          <span class="sep" aria-hidden="true">
            ·
          </span>
          <TimeText task={task} />
          {task.state === 'waiting' && (
            <>
              <span class="sep" aria-hidden="true">
                ·
              </span>
              <span class="tabular">
                {task.queuePosition !== undefined ? `#${task.queuePosition} in queue` : 'in queue'}
              </span>
            </>
          )}
          {!active && task.jobsTotal > 0 && (
            <>
              <span class="sep" aria-hidden="true">
                ·
              </span>
              <span class="tabular">
                {task.jobsDone}/{task.jobsTotal} jobs
              </span>
            </>
          )}
        </div>
        <Progress task={task} />
        <DownloadLine task={task} />
        {task.lastError && (
          <div class="row-error" role="note">
            <span class="error-text">{task.lastError.message}</span>
            {active && (
              <button type="button" class="link-button" onClick={act({ kind: 'retry-now' })}>
                Retry now
              </button>
            )}
          </div>
        )}
        <div class="row-actions">
          {task.state === 'done' && d?.status === 'done' && (
            <ActionButton icon="folder" label="Open results folder" onClick={act({ kind: 'open-folder' })} />
          )}
          {canDownload && (
            <ActionButton
              icon="download"
              label={
                d?.status === 'failed' ? 'Retry download' : d?.status === 'done' ? 'Download again' : 'Download results'
              }
              onClick={act({ kind: 'download' })}
            />
          )}
          <ActionButton
            icon="key"
            label="Copy subscription key"
            onClick={act({ kind: 'copy', what: 'subscription-key' })}
          />
          {task.taskUuid && (
            <ActionButton icon="hash" label="Copy task UUID" onClick={act({ kind: 'copy', what: 'task-uuid' })} />
          )}
          <ActionButton icon="trash" label="Remove" danger onClick={act({ kind: 'remove' })} />
        </div>
      </div>
      {d?.status === 'done' && (d.previewUrl || d.model) && (
        <button
          type="button"
          class="preview"
          aria-label={d.model?.url ? `Show ${task.label} in 3D` : `Show ${task.label}`}
          title={d.model ? `${d.model.name}: click to look at it, drag it into another app` : undefined}
          draggable={!!d.model}
          onClick={act({ kind: 'open-detail' })}
          onDragStart={(e) => {
            // Main starts the OS drag of the model file; the page only names the task.
            e.preventDefault();
            onAction(task, { kind: 'drag-model' });
          }}
        >
          {d.previewUrl ? (
            <img src={d.previewUrl} alt="" width={56} height={56} loading="lazy" decoding="async" />
          ) : (
            <Icon name="cube" />
          )}
        </button>
      )}
    </li>
  );
}

/** Rows re-render only when their task changed (or the action handler did). */
export const TaskRow = memo(
  TaskRowView,
  (prev, next) => prev.onAction === next.onAction && sameTaskView(prev.task, next.task),
);
