// Adding tasks from text (typed, pasted or dropped): the call, the busy flag and the message under the add box.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { RodinBridge } from '../../shared/ipc';
import { call } from '../state/bridge';
import { describeAddResult, type AddMessage } from '../state/describe-add';

export interface AddTasks {
  /** True when the text named at least one task, new or already watched. */
  addText: (text: string) => Promise<boolean>;
  adding: boolean;
  addMessage: AddMessage | undefined;
  setAddMessage: (message: AddMessage | undefined) => void;
}

export function useAddTasks(bridge: RodinBridge): AddTasks {
  const [addMessage, setAddMessage] = useState<AddMessage>();
  const [adding, setAdding] = useState(false);

  // Good news fades on its own; problems stay until dismissed or replaced.
  useEffect(() => {
    if (addMessage?.tone !== 'success') return undefined;
    const timer = setTimeout(() => setAddMessage((m) => (m === addMessage ? undefined : m)), 8000);
    return () => clearTimeout(timer);
  }, [addMessage]);

  const addText = useCallback(
    async (text: string): Promise<boolean> => {
      setAdding(true);
      const r = await call(bridge, 'tasks:add-text', { text });
      setAdding(false);
      if (!r.ok) {
        setAddMessage({ tone: 'error', lines: [r.error.message] });
        return false;
      }
      setAddMessage(describeAddResult(r.value));
      return r.value.added.length > 0 || r.value.duplicates.length > 0;
    },
    [bridge],
  );

  return { addText, adding, addMessage, setAddMessage };
}
