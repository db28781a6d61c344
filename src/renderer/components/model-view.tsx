// The interactive 3D view of a model: loads the three.js chunk only when shown, then offers orbit, zoom, reset,
// wireframe and texture toggles, and the model's vertex/triangle count and file size.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ModelScene, ModelStats } from '../viewer/model-scene';
import { formatBytes } from '../../shared/format-bytes';
import { formatCount } from '../state/format';

type LoadState = { kind: 'loading' } | { kind: 'ready'; stats: ModelStats } | { kind: 'error'; message: string };

const TURN = Math.PI / 12;
const ZOOM = 0.8;

/** Keys on the focused view: arrows turn it, + and − zoom, 0 or Home resets. */
function keyAction(key: string): ((scene: ModelScene) => void) | undefined {
  switch (key) {
    case 'ArrowLeft':
      return (s) => s.orbit(-TURN, 0);
    case 'ArrowRight':
      return (s) => s.orbit(TURN, 0);
    case 'ArrowUp':
      return (s) => s.orbit(0, -TURN);
    case 'ArrowDown':
      return (s) => s.orbit(0, TURN);
    case '+':
    case '=':
      return (s) => s.zoom(ZOOM);
    case '-':
      return (s) => s.zoom(1 / ZOOM);
    case '0':
    case 'Home':
      return (s) => s.reset();
    default:
      return undefined;
  }
}

export function ModelView({ url, label }: { url: string; label: string }): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scene = useRef<ModelScene>();
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [wireframe, setWireframe] = useState(false);
  const [texture, setTexture] = useState(true);

  useEffect(() => {
    const abort = new AbortController();
    setState({ kind: 'loading' });
    setWireframe(false);
    setTexture(true);
    // The chunk with three.js is fetched here, the first time a model is shown, never with the window.
    import('../viewer/model-scene')
      .then(({ loadModelScene }) => loadModelScene(canvas.current!, url, abort.signal))
      .then(
        (loaded) => {
          if (abort.signal.aborted) {
            loaded.dispose();
            return;
          }
          scene.current = loaded;
          setState({ kind: 'ready', stats: loaded.stats });
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          const message = error instanceof Error ? error.message : String(error);
          setState({ kind: 'error', message: `The model could not be shown: ${message}` });
        },
      );
    return () => {
      abort.abort();
      scene.current?.dispose();
      scene.current = undefined;
    };
  }, [url]);

  const ready = state.kind === 'ready';
  const toggle = (on: boolean, set: (on: boolean) => void, apply: (s: ModelScene, on: boolean) => void) => () => {
    set(on);
    if (scene.current) apply(scene.current, on);
  };

  return (
    <div class="viewer">
      <div class="viewer-stage" aria-busy={state.kind === 'loading'}>
        <canvas
          ref={canvas}
          class="viewer-canvas"
          tabIndex={0}
          role="img"
          aria-label={`3D model of ${label}`}
          aria-describedby="viewer-help"
          data-state={state.kind}
          onKeyDown={(e) => {
            const action = keyAction(e.key);
            if (!action || !scene.current) return;
            e.preventDefault();
            action(scene.current);
          }}
        />
        {state.kind === 'loading' && (
          <p class="viewer-status muted" role="status">
            Loading the model…
          </p>
        )}
        {state.kind === 'error' && (
          <p class="viewer-status error-text" role="alert">
            {state.message}
          </p>
        )}
      </div>
      <p id="viewer-help" class="visually-hidden">
        Drag or use the arrow keys to turn it, scroll or press plus and minus to zoom, 0 to reset the view.
      </p>
      <div class="viewer-tools" role="toolbar" aria-label="3D view">
        <button type="button" class="button button-small" disabled={!ready} onClick={() => scene.current?.reset()}>
          Reset view
        </button>
        <button
          type="button"
          class="button button-small"
          aria-pressed={wireframe}
          disabled={!ready}
          onClick={toggle(!wireframe, setWireframe, (s, on) => s.setWireframe(on))}
        >
          Wireframe
        </button>
        <button
          type="button"
          class="button button-small"
          aria-pressed={texture}
          disabled={!ready}
          onClick={toggle(!texture, setTexture, (s, on) => s.setShowTexture(on))}
        >
          Texture
        </button>
      </div>
      {state.kind === 'ready' && (
        <p class="viewer-stats muted tabular" data-testid="model-stats">
          {formatCount(state.stats.vertices)} vertices · {formatCount(state.stats.triangles)} triangles ·{' '}
          {formatBytes(state.stats.bytes)}
        </p>
      )}
    </div>
  );
}
