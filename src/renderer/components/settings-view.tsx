// Settings: the API key (write-only from here), host, polling, notifications, downloads, startup, shortcuts, history, theme.
// Every change is sent at once; the next snapshot is the truth the view shows.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RodinBridge } from '../../shared/ipc';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { AppSnapshot } from '../../shared/snapshot';
import { call } from '../state/bridge';
import { formatClockTime } from '../../shared/format-duration';
import { formatCredits } from '../../shared/format-credits';
import { Icon } from './icons';
import { ViewHeader } from './view-header';
import { bindSettings, commitOn, NumberField, TextField, Toggle } from './settings-fields';

const HOSTS = [
  { url: 'https://api.hyper3d.com/api', label: 'api.hyper3d.com', note: 'Hyper3D (default)' },
  { url: 'https://hyperhuman.deemos.com/api', label: 'hyperhuman.deemos.com', note: 'Legacy Deemos host' },
] as const;

const THEME_LABELS: Record<Settings['theme'], string> = { system: 'System', light: 'Light', dark: 'Dark' };

type Note = { tone: 'success' | 'error'; text: string } | undefined;

export interface SettingsViewProps {
  snapshot: AppSnapshot;
  bridge: RodinBridge;
  focusKey: boolean;
  onClose: () => void;
}

function KeySection({
  snapshot,
  bridge,
  focusKey,
}: {
  snapshot: AppSnapshot;
  bridge: RodinBridge;
  focusKey: boolean;
}): JSX.Element {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusKey) input.current?.focus();
  }, [focusKey]);
  const key = snapshot.key;

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!value.trim() || busy) return;
    setBusy(true);
    setNote(undefined);
    const result = await call(bridge, 'key:set', { key: value.trim() });
    setBusy(false);
    if (result.ok) {
      // The field is cleared at once: the key lives in the keychain, not in this page.
      setValue('');
      setNote({ tone: 'success', text: `Key saved. Balance: ${formatCredits(result.value.balance)}.` });
    } else {
      setNote({ tone: 'error', text: result.error.message });
    }
  };
  const remove = async (): Promise<void> => {
    if (!confirmRemove) {
      setConfirmRemove(true);
      return;
    }
    setConfirmRemove(false);
    const result = await call(bridge, 'key:clear', undefined);
    setNote(result.ok ? { tone: 'success', text: 'Key removed.' } : { tone: 'error', text: result.error.message });
  };

  const sourceText: Record<typeof key.source, string> = {
    env: 'from the RODIN_API_KEY environment variable',
    keychain: 'in the system keychain',
    'safe-storage': 'encrypted with the system key store',
    memory: 'for this session only',
    none: '',
  };
  return (
    <section class="settings-section" aria-labelledby="s-key">
      <h3 id="s-key">API key</h3>
      <p class="key-status" data-testid="key-status">
        <Icon name="key" />
        {key.present ? (
          <span>
            Key <span class="mono">{key.hint ?? '…'}</span> stored {sourceText[key.source]}.
          </span>
        ) : (
          <span>No key set. Create one in your Hyper3D account under API keys.</span>
        )}
      </p>
      <form class="key-form" onSubmit={(e) => void save(e)}>
        <label class="visually-hidden" for="api-key-input">
          {key.present ? 'New API key' : 'API key'}
        </label>
        <input
          ref={input}
          id="api-key-input"
          type="password"
          autocomplete="off"
          spellcheck={false}
          placeholder={key.present ? 'Paste a new key to replace it' : 'Paste your API key'}
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
        <button type="submit" class="button button-primary" disabled={busy || !value.trim()}>
          {busy ? 'Checking…' : key.present ? 'Replace' : 'Save'}
        </button>
      </form>
      {key.present && key.source !== 'env' && (
        <button
          type="button"
          class={confirmRemove ? 'button button-danger button-small' : 'button button-small'}
          onClick={() => void remove()}
        >
          {confirmRemove ? 'Really remove the key?' : 'Remove key'}
        </button>
      )}
      <p class={note ? `note tone-${note.tone}` : 'note'} role="status" aria-live="polite">
        {note?.text}
      </p>
    </section>
  );
}

function HostSection({ settings, update }: { settings: Settings; update: (p: SettingsPatch) => void }): JSX.Element {
  const known = HOSTS.some((h) => h.url === settings.baseUrl);
  const [custom, setCustom] = useState(known ? '' : settings.baseUrl);
  const [customChosen, setCustomChosen] = useState(!known);
  useEffect(() => {
    if (!HOSTS.some((h) => h.url === settings.baseUrl)) {
      setCustom(settings.baseUrl);
      setCustomChosen(true);
    }
  }, [settings.baseUrl]);
  const applyCustom = (): void => {
    const url = custom.trim();
    if (url && url !== settings.baseUrl) update({ baseUrl: url });
  };
  return (
    <fieldset class="settings-section">
      <legend>API host</legend>
      {HOSTS.map((h) => (
        <label class="radio" key={h.url}>
          <input
            type="radio"
            name="host"
            checked={!customChosen && settings.baseUrl === h.url}
            onChange={() => {
              setCustomChosen(false);
              update({ baseUrl: h.url });
            }}
          />
          <span>{h.label}</span>
          <span class="hint">{h.note}</span>
        </label>
      ))}
      <label class="radio">
        <input type="radio" name="host" checked={customChosen} onChange={() => setCustomChosen(true)} />
        <span>Custom</span>
      </label>
      {customChosen && (
        <input
          type="url"
          class="custom-host"
          aria-label="Custom API base URL"
          placeholder="https://example.com/api"
          value={custom}
          onInput={(e) => setCustom(e.currentTarget.value)}
          {...commitOn(applyCustom)}
        />
      )}
    </fieldset>
  );
}

export function SettingsView({ snapshot, bridge, focusKey, onClose }: SettingsViewProps): JSX.Element {
  const settings = snapshot.settings;
  const [error, setError] = useState<string>();
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!focusKey) back.current?.focus();
  }, [focusKey]);

  const update = (patch: SettingsPatch): void => {
    void call(bridge, 'settings:update', patch).then((r) => setError(r.ok ? undefined : r.error.message));
  };
  const bind = bindSettings(settings, update);
  const run = (p: Promise<{ ok: boolean; error?: { message: string } }>): void => {
    void p.then((r) => setError(r.ok ? undefined : r.error?.message));
  };
  const userPaused = snapshot.polling.paused && snapshot.polling.pausedBy === 'user';
  const notifPaused =
    snapshot.notificationsPausedUntil !== undefined && snapshot.notificationsPausedUntil > snapshot.now;

  return (
    <div class="settings" role="region" aria-labelledby="settings-title">
      <ViewHeader titleId="settings-title" title="Settings" onBack={onClose} backRef={back} />
      {error && (
        <p class="note tone-error settings-error" role="alert">
          {error}
        </p>
      )}
      <div class="settings-body">
        <KeySection snapshot={snapshot} bridge={bridge} focusKey={focusKey} />
        <HostSection settings={settings} update={update} />

        <section class="settings-section" aria-labelledby="s-polling">
          <h3 id="s-polling">Checking</h3>
          <NumberField
            id="set-budget"
            label="Requests per minute"
            hint="Shared by all tasks (1–120)"
            min={1}
            max={120}
            {...bind.number('pollBudgetPerMinute')}
          />
          <NumberField
            id="set-max-active"
            label="Unfinished tasks at most"
            hint="More are refused, so a flood cannot crowd out your tasks (1–100000)"
            min={1}
            max={100000}
            {...bind.number('maxActiveTasks')}
          />
          <Toggle
            id="set-paused"
            label="Pause checking"
            checked={userPaused}
            onChange={(v) =>
              run(v ? call(bridge, 'polling:pause', undefined) : call(bridge, 'polling:resume', undefined))
            }
          />
        </section>

        <section class="settings-section" aria-labelledby="s-notify">
          <h3 id="s-notify">Notifications</h3>
          <Toggle id="set-notify-done" label="When a task is done" {...bind.toggle('notifyOnDone')} />
          <Toggle id="set-notify-failed" label="When a task fails" {...bind.toggle('notifyOnFailed')} />
          <Toggle id="set-sound" label="Play a sound" {...bind.toggle('notificationSound')} />
          <div class="field">
            <span class="field-label">
              {notifPaused
                ? `Paused until ${formatClockTime(snapshot.notificationsPausedUntil ?? 0)}`
                : 'Quiet for a while'}
            </span>
            <button
              type="button"
              class="button button-small"
              onClick={() =>
                run(
                  notifPaused
                    ? call(bridge, 'notifications:resume', undefined)
                    : call(bridge, 'notifications:pause', { minutes: 60 }),
                )
              }
            >
              {notifPaused ? 'Resume now' : 'Pause 1 hour'}
            </button>
          </div>
        </section>

        <section class="settings-section" aria-labelledby="s-downloads">
          <h3 id="s-downloads">Downloads</h3>
          <Toggle id="set-auto-download" label="Download results automatically" {...bind.toggle('autoDownload')} />
          <div class="field field-folder">
            <span class="field-label">
              <span>Folder</span>
              <span class="hint mono folder-path" title={settings.downloadFolder || 'Downloads/Rodin'}>
                {settings.downloadFolder || 'Downloads/Rodin (default)'}
              </span>
            </span>
            <div class="button-row">
              <button
                type="button"
                class="button button-small"
                onClick={() => run(call(bridge, 'settings:choose-download-folder', undefined))}
              >
                Choose…
              </button>
              {settings.downloadFolder && (
                <button type="button" class="button button-small" onClick={() => update({ downloadFolder: '' })}>
                  Default
                </button>
              )}
            </div>
          </div>
          <NumberField
            id="set-download-limit"
            label="Size limit per task (GiB)"
            hint="A task's files together; one file at most 2 GiB (1–1024)"
            min={1}
            max={1024}
            {...bind.number('downloadLimitGiB')}
          />
        </section>

        <section class="settings-section" aria-labelledby="s-general">
          <h3 id="s-general">General</h3>
          <Toggle id="set-login" label="Open at login" {...bind.toggle('launchAtLogin')} />
          <Toggle
            id="set-watch-clipboard"
            label="Watch the clipboard"
            hint="Offer to add copied generation responses"
            {...bind.toggle('watchClipboard')}
          />
          <TextField id="set-shortcut-toggle" label="Show/hide shortcut" {...bind.text('shortcutToggleWindow')} />
          <TextField
            id="set-shortcut-add"
            label="Add-from-clipboard shortcut"
            {...bind.text('shortcutAddFromClipboard')}
          />
          <NumberField
            id="set-history"
            label="Finished tasks to keep"
            hint="Older ones are forgotten (10–5000)"
            min={10}
            max={5000}
            {...bind.number('historySize')}
          />
          <fieldset class="field field-theme">
            <legend class="field-label">Theme</legend>
            <div class="segmented">
              {(Object.keys(THEME_LABELS) as Settings['theme'][]).map((theme) => (
                <label key={theme} class={settings.theme === theme ? 'segment selected' : 'segment'}>
                  <input
                    type="radio"
                    name="theme"
                    value={theme}
                    checked={settings.theme === theme}
                    onChange={() => update({ theme })}
                  />
                  <span>{THEME_LABELS[theme]}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </section>
      </div>
    </div>
  );
}
