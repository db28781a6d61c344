// Drops anywhere on the window: tracks "something is being dragged over" for the hint and hands the drop over.
import { useEffect, useRef, useState } from 'preact/hooks';

/** While `enabled`, the whole window is a drop target; returns whether a drag is over it now. */
export function useWindowDrop(onDrop: (e: DragEvent) => void, enabled = true): boolean {
  const [dragging, setDragging] = useState(false);
  // The latest handler, so a re-render does not re-register the listeners.
  const handler = useRef(onDrop);
  handler.current = onDrop;
  useEffect(() => {
    if (!enabled) return undefined;
    const over = (e: DragEvent): void => {
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent): void => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent): void => {
      e.preventDefault();
      setDragging(false);
      handler.current(e);
    };
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
      setDragging(false);
    };
  }, [enabled]);
  return dragging;
}
