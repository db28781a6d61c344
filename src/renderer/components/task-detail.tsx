// A finished task up close: its model in 3D (or its thumbnail when the format cannot be shown here), and the ways to
// take the file elsewhere: drag it out, open it in its default app, show it in its folder, copy its path.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { TaskView } from '../../shared/snapshot';
import { Icon } from './icons';
import { ViewHeader } from './view-header';
import { ModelView } from './model-view';
import type { OnRowAction } from './task-row';

export function TaskDetail(props: { task: TaskView; onBack: () => void; onAction: OnRowAction }): JSX.Element {
  const { task, onBack, onAction } = props;
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  const model = task.download?.model;
  const preview = task.download?.previewUrl;
  const act = (action: Parameters<OnRowAction>[1]) => () => onAction(task, action);

  return (
    <section class="detail" role="region" aria-labelledby="detail-title">
      <ViewHeader titleId="detail-title" titleClass="detail-title" title={task.label} onBack={onBack} backRef={back} />
      <div class="detail-body">
        {model?.url ? (
          <ModelView url={model.url} label={task.label} />
        ) : (
          <div class="detail-thumbnail">
            {preview ? (
              <img src={preview} alt={`Preview of ${task.label}`} width={200} height={200} />
            ) : (
              <Icon name="cube" />
            )}
            <p class="muted">
              {model
                ? `${model.format.toUpperCase()} models cannot be shown here; open it in an app that can.`
                : 'No 3D model was downloaded for this task.'}
            </p>
          </div>
        )}
        {model && (
          <div class="detail-file">
            <div
              class="file-chip"
              draggable
              title="Drag into another app or a folder"
              onDragStart={(e) => {
                // The OS drag is started by the app (main), which knows where the file is; the page never does.
                e.preventDefault();
                onAction(task, { kind: 'drag-model' });
              }}
            >
              <Icon name="cube" />
              <span class="file-name">{model.name}</span>
              <span class="muted file-hint">drag me out</span>
            </div>
            <div class="detail-actions">
              <button
                type="button"
                class={model.url ? 'button button-small' : 'button button-small button-primary'}
                onClick={act({ kind: 'open-model' })}
              >
                Open in default app
              </button>
              <button type="button" class="button button-small" onClick={act({ kind: 'show-model' })}>
                Show in folder
              </button>
              <button type="button" class="button button-small" onClick={act({ kind: 'copy', what: 'model-path' })}>
                Copy file path
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
