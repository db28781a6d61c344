// The main process shows a task, the settings or the new-generation form by setting the page hash (a tray item, a
// notification click); the hash is cleared after so the same route works twice.
import { useEffect } from 'preact/hooks';
import { parseHashRoute, type HashRoute } from '../state/hash-route';

/** `onRoute` should be stable (a useCallback): a new one re-registers the listener. */
export function useHashRoute(onRoute: (route: HashRoute) => void): void {
  useEffect(() => {
    const onHash = (): void => {
      const route = parseHashRoute(location.hash);
      if (!route) return;
      history.replaceState(null, '', location.pathname + location.search);
      onRoute(route);
    };
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [onRoute]);
}
