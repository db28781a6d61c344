// The settings rows (switch, number, text) and a binder that ties a row to one setting, so each setting is one element.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Settings, SettingsPatch } from '../../shared/settings';

/** Settings whose value is exactly V (so `theme`, a union of strings, is not a text setting). */
type SettingOf<V> = {
  [K in keyof Settings]: Settings[K] extends V ? (V extends Settings[K] ? K : never) : never;
}[keyof Settings];

/** Props that show one setting in a row and send a change of it at once. */
export function bindSettings(settings: Settings, update: (patch: SettingsPatch) => void) {
  const send = (key: keyof Settings, value: Settings[keyof Settings]): void => update({ [key]: value });
  return {
    toggle: (key: SettingOf<boolean>) => ({ checked: settings[key], onChange: (v: boolean) => send(key, v) }),
    number: (key: SettingOf<number>) => ({ value: settings[key], onCommit: (n: number) => send(key, n) }),
    text: (key: SettingOf<string>) => ({ value: settings[key], onCommit: (v: string) => send(key, v) }),
  };
}

/** A typed value is sent when the field is left or Enter is pressed, not on every keystroke. */
export function commitOn(commit: () => void): {
  onBlur: () => void;
  onKeyDown: (e: KeyboardEvent) => void;
} {
  return {
    onBlur: commit,
    onKeyDown: (e) => {
      if (e.key === 'Enter') commit();
    },
  };
}

export function Toggle(props: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}): JSX.Element {
  return (
    <div class="field field-toggle">
      <label for={props.id}>
        <span>{props.label}</span>
        {props.hint && <span class="hint">{props.hint}</span>}
      </label>
      <input
        id={props.id}
        type="checkbox"
        role="switch"
        class="switch"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
    </div>
  );
}

export function NumberField(props: {
  id: string;
  label: string;
  hint: string;
  value: number;
  min: number;
  max: number;
  onCommit: (n: number) => void;
}): JSX.Element {
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  const commit = (): void => {
    const n = Math.round(Number(text));
    if (!Number.isFinite(n) || n < props.min || n > props.max) {
      setText(String(props.value));
      return;
    }
    if (n !== props.value) props.onCommit(n);
  };
  return (
    <div class="field">
      <label for={props.id}>
        <span>{props.label}</span>
        <span class="hint">{props.hint}</span>
      </label>
      <input
        id={props.id}
        type="number"
        min={props.min}
        max={props.max}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        {...commitOn(commit)}
      />
    </div>
  );
}

export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onCommit: (v: string) => void;
}): JSX.Element {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const commit = (): void => {
    if (text !== props.value) props.onCommit(text.trim());
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        class="mono"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        {...commitOn(commit)}
      />
    </div>
  );
}
