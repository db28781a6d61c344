// The chosen theme on the document element, where styles.css reads it.
import { useEffect } from 'preact/hooks';
import type { Settings } from '../../shared/settings';

export function useTheme(theme: Settings['theme']): void {
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
