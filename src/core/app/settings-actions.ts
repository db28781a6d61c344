// The settings: loaded (repairing an unusable base URL), and a patch validated, saved and applied where it matters.
import { normalizeBaseUrl } from '../rodin/base-url';
import { UsageError } from '../rodin/errors';
import { DEFAULT_BASE_URL } from '../rodin/types';
import type { Scheduler } from '../scheduler/scheduler';
import type { TaskTracker } from '../tasks/task-tracker';
import { settingsSchema, type Settings } from '../../shared/settings';
import { AppError } from './app-error';
import type { KeyActions } from './key-actions';
import type { RodinConnection } from './rodin-connection';
import type { AppStore, Platform } from './types';

/** The saved settings, with defaults for anything missing or invalid; a repair adds a line to `notices`. */
export function loadSettings(store: AppStore, notices: string[]): Settings {
  const loaded = settingsSchema.safeParse(store.loadSettings());
  const value = loaded.success ? loaded.data : settingsSchema.parse({});
  try {
    value.baseUrl = normalizeBaseUrl(value.baseUrl);
  } catch {
    notices.push(`The saved Rodin base URL could not be used, so ${DEFAULT_BASE_URL} is used instead.`);
    value.baseUrl = DEFAULT_BASE_URL;
  }
  return value;
}

export interface SettingsActions {
  current(): Settings;
  /** Validates, saves and applies a patch; returns a copy of the new settings. */
  update(patch: Partial<Settings>): Settings;
}

export function createSettingsActions(deps: {
  initial: Settings;
  store: AppStore;
  platform: Pick<Platform, 'setLaunchAtLogin'>;
  tracker: Pick<TaskTracker, 'setHistorySize'>;
  scheduler: Pick<Scheduler, 'setBudget' | 'keyChanged' | 'checkNow'>;
  connection: Pick<RodinConnection, 'useConfiguredBaseUrl'>;
  keys: Pick<KeyActions, 'forgetVerdict' | 'getApiKey' | 'refreshBalance' | 'confirmOrigin'>;
  changed: () => void;
}): SettingsActions {
  const { store, scheduler, keys } = deps;
  let settings = deps.initial;

  return {
    current: () => settings,
    update(patch) {
      const next = settingsSchema.parse({ ...settings, ...patch });
      if (next.baseUrl !== settings.baseUrl) {
        try {
          next.baseUrl = normalizeBaseUrl(next.baseUrl);
        } catch (error) {
          throw new AppError(
            'INVALID_SETTING',
            error instanceof UsageError ? error.message : 'That base URL is not usable.',
          );
        }
      }
      const previous = settings;
      settings = next;
      store.saveSettings(next);
      if (next.baseUrl !== previous.baseUrl && deps.connection.useConfiguredBaseUrl()) {
        keys.forgetVerdict();
        // Another service may accept the key the previous one refused.
        scheduler.keyChanged();
        scheduler.checkNow();
        if (keys.getApiKey()) void keys.refreshBalance().catch(() => undefined);
        // Another host than the key's: nothing carries the key there until the user says yes in main.
        else void keys.confirmOrigin();
      }
      if (next.pollBudgetPerMinute !== previous.pollBudgetPerMinute) scheduler.setBudget(next.pollBudgetPerMinute);
      if (next.historySize !== previous.historySize) deps.tracker.setHistorySize(next.historySize);
      if (next.launchAtLogin !== previous.launchAtLogin) deps.platform.setLaunchAtLogin(next.launchAtLogin);
      deps.changed();
      return { ...next };
    },
  };
}
