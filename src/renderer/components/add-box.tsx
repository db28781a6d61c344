// The quick-add field and the message about what the last paste added, duplicated or rejected.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { AddMessage } from '../state/describe-add';
import { Icon } from './icons';

export interface AddBoxProps {
  message: AddMessage | undefined;
  busy: boolean;
  onSubmit: (text: string) => Promise<boolean>;
  onDismissMessage: () => void;
}

export function AddBox({ message, busy, onSubmit, onDismissMessage }: AddBoxProps): JSX.Element {
  const [text, setText] = useState('');
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!text.trim()) return;
    if (await onSubmit(text)) setText('');
  };
  return (
    <div class="add">
      <form class="add-form" onSubmit={(e) => void submit(e)} role="search" aria-label="Add tasks">
        <input
          id="add-input"
          class="add-input"
          type="text"
          placeholder="Paste a response or subscription key"
          aria-label="Generation response, subscription key or task UUID"
          autocomplete="off"
          spellcheck={false}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit" class="button button-primary add-button" disabled={busy || !text.trim()}>
          <Icon name="plus" />
          <span>Add</span>
        </button>
      </form>
      <div class="add-message-slot" role="status" aria-live="polite">
        {message && (
          <div class={`add-message tone-${message.tone}`}>
            <ul>
              {message.lines.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
            <button
              type="button"
              class="icon-button icon-button-small"
              aria-label="Dismiss message"
              onClick={onDismissMessage}
            >
              <Icon name="close" />
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
