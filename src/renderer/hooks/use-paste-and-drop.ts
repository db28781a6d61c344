// Paste or drop anywhere that is not a text field adds what came in: task text, or .json/text files.
import { useEffect } from 'preact/hooks';
import type { AddTasks } from './use-add-tasks';
import type { Views } from './use-views';
import { useWindowDrop } from './use-window-drop';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * Off while the new-generation form is open: it takes pasted and dropped images itself. A paste from another view
 * brings the task list back so its result shows. Returns whether something is being dragged over the window now.
 */
export function usePasteAndDrop(
  views: Pick<Views, 'view' | 'showTasks'>,
  adding: Pick<AddTasks, 'addText' | 'setAddMessage'>,
): boolean {
  const { view, showTasks } = views;
  const { addText, setAddMessage } = adding;

  useEffect(() => {
    const onPaste = (e: ClipboardEvent): void => {
      if (view === 'new' || isEditable(e.target)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!text.trim()) return;
      e.preventDefault();
      if (view !== 'tasks') showTasks();
      void addText(text);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [addText, view, showTasks]);

  return useWindowDrop((e) => {
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length > 0) {
      const wanted = files.filter(
        (f) => /\.(json|txt)$/i.test(f.name) || f.type === 'application/json' || f.type.startsWith('text/'),
      );
      if (wanted.length === 0) {
        setAddMessage({ tone: 'error', lines: ['Only .json or text files can be dropped here.'] });
        return;
      }
      void Promise.all(wanted.map((f) => f.text())).then((texts) => addText(texts.join('\n')));
      return;
    }
    const text = e.dataTransfer?.getData('text/plain');
    if (text) void addText(text);
  }, view !== 'new');
}
