// What a first-time user sees: what the app does and the three ways to get going.
import type { JSX } from 'preact';
import type { KeyStatus } from '../../shared/snapshot';
import { Icon } from './icons';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function EmptyState({
  keyStatus,
  onSetKey,
  onDemo,
}: {
  keyStatus: KeyStatus;
  onSetKey: () => void;
  onDemo: () => void;
}): JSX.Element {
  return (
    <div class="empty">
      <div class="empty-art" aria-hidden="true">
        <Icon name="cube" />
      </div>
      <h2 class="empty-title">Watch your Rodin generations</h2>
      <p class="empty-lead">
        Rodin Tray keeps an eye on your Hyper3D Rodin tasks, tells you when they finish and fetches the results.
      </p>
      <ol class="steps">
        <li>
          <span class="step-number" aria-hidden="true">
            1
          </span>
          <div>
            <strong>Paste a task</strong>
            <span class="muted">
              A generation response or subscription key — press <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>V</kbd> anywhere,
              or drop a .json file.
            </span>
          </div>
        </li>
        <li>
          <span class="step-number" aria-hidden="true">
            2
          </span>
          <div>
            <strong>{keyStatus.present ? 'API key is set' : 'Set your API key'}</strong>
            <span class="muted">
              {keyStatus.present
                ? `Stored safely (${keyStatus.hint ?? 'hidden'}).`
                : 'It stays in your system keychain.'}
            </span>
          </div>
          {!keyStatus.present && (
            <button type="button" class="button button-small" onClick={onSetKey}>
              Set key
            </button>
          )}
        </li>
        <li>
          <span class="step-number" aria-hidden="true">
            3
          </span>
          <div>
            <strong>Not sure yet?</strong>
            <span class="muted">Watch a few simulated tasks run — no key or credits needed.</span>
          </div>
          <button type="button" class="button button-small" onClick={onDemo}>
            Try the demo
          </button>
        </li>
      </ol>
    </div>
  );
}
