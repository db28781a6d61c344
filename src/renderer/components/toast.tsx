// A short-lived note at the bottom of the window, optionally with one action (e.g. Undo after a remove).
import type { JSX } from 'preact';

export interface ToastData {
  id: number;
  text: string;
  action?: { label: string; run: () => void };
}

export function Toast({ toast }: { toast: ToastData | undefined }): JSX.Element {
  return (
    <div class="toast-slot" role="status" aria-live="polite">
      {toast && (
        <div class="toast" key={toast.id}>
          <span class="toast-text">{toast.text}</span>
          {toast.action && (
            <button type="button" class="toast-action" onClick={toast.action.run}>
              {toast.action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
