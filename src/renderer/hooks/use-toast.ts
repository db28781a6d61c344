// The window's one toast: a short note that goes away on its own, and the failures of quick actions shown in it.
import { useCallback, useRef, useState } from 'preact/hooks';
import type { ToastData } from '../components/toast';

const TOAST_MS = 2500;

export interface ToastControl {
  toast: ToastData | undefined;
  /** Replaces any toast shown now; it goes after `ms`. */
  showToast: (text: string, action?: ToastData['action'], ms?: number) => void;
  hideToast: () => void;
  /** Shows a failed result's message; true when the result was ok. */
  reportFailure: (result: { ok: boolean; error?: { message: string } }) => boolean;
}

export function useToast(): ToastControl {
  const [toast, setToast] = useState<ToastData>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const seq = useRef(0);

  const showToast = useCallback((text: string, action?: ToastData['action'], ms = TOAST_MS): void => {
    clearTimeout(timer.current);
    seq.current += 1;
    const id = seq.current;
    setToast({ id, text, ...(action ? { action } : {}) });
    timer.current = setTimeout(() => {
      setToast((t) => (t?.id === id ? undefined : t));
      // Focus sat on the Undo button that just went away: put it somewhere useful rather than on <body>.
      if (document.activeElement === document.body || document.activeElement?.closest('.toast-slot')) {
        document.getElementById('add-input')?.focus();
      }
    }, ms);
  }, []);

  const hideToast = useCallback((): void => {
    clearTimeout(timer.current);
    setToast(undefined);
  }, []);

  const reportFailure = useCallback(
    (r: { ok: boolean; error?: { message: string } }): boolean => {
      if (!r.ok) showToast(r.error?.message ?? 'That did not work.');
      return r.ok;
    },
    [showToast],
  );

  return { toast, showToast, hideToast, reportFailure };
}
