// Adding tasks from outside the window (links, argv, clipboard, shortcuts): the result is told as a notification.
import type { InvokeFn } from '../../core/app/ipc-result';
import type { AppController } from '../../core/app/types';
import { describeAddResult } from './add-feedback';
import type { AddRequest } from './launch-args';
import type { Notifier } from './notifier';

export interface QuickAdd {
  /** Adds whatever tasks `text` holds; `rejectedBefore` are parts the caller already refused (a bad link). */
  addText: (text: string, rejectedBefore?: string[]) => Promise<void>;
  addFromClipboard: () => Promise<void>;
  /** A request from a link or the command line. */
  handle: (request: AddRequest) => void;
}

export function createQuickAdd(options: {
  invoke: InvokeFn;
  notifier: Notifier;
  readClipboard: () => Promise<string>;
  /** Links come from anywhere: the controller asks the user first (a native dialog through the platform). */
  addFromLink: AppController['addFromLink'];
}): QuickAdd {
  const { invoke, notifier } = options;
  function tell(result: Parameters<typeof describeAddResult>[0]): void {
    const feedback = describeAddResult(result);
    notifier.show({
      title: feedback.title,
      body: feedback.body,
      ...(feedback.taskId ? { taskId: feedback.taskId } : {}),
    });
  }
  async function addText(text: string, rejectedBefore: string[] = []): Promise<void> {
    const result = await invoke('tasks:add-text', { text });
    if (result.ok && rejectedBefore.length) result.value.rejected.unshift(...rejectedBefore);
    tell(result);
  }
  return {
    addText,
    addFromClipboard: async () => addText(await options.readClipboard()),
    handle: (request) => {
      if (request.kind === 'text') void addText(request.text, request.rejected);
      else if (request.kind === 'link')
        void options.addFromLink(request.url).then((value) => tell({ ok: true, value }));
      else
        notifier.show({ title: 'Nothing was added', body: request.rejected[0] ?? 'The request was not understood.' });
    },
  };
}
