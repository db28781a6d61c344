// Window-wide Escape: closes what is open, else hides the window (as a tray popover does).
import { useEffect } from 'preact/hooks';
import type { RodinBridge } from '../../shared/ipc';
import { call } from '../state/bridge';

/** `closeCurrent` returns false when nothing was open to close. */
export function useEscapeKey(bridge: RodinBridge, closeCurrent: () => boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // Handled already, e.g. Escape cancelling a rename must not also hide the window.
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      if (!closeCurrent()) void call(bridge, 'window:hide', undefined);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [bridge, closeCurrent]);
}
