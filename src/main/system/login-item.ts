// Launch at login on macOS and Windows: respects what the user changed in the system, and moves old Windows entries.
import type { Settings } from '../../shared/settings';
import { LEGACY_APP_USER_MODEL_ID } from './app-identity';

/** What app.getLoginItemSettings() reports; `status` exists on macOS 13+, `launchItems` on Windows. */
export interface SystemLoginItem {
  openAtLogin: boolean;
  status?: 'not-registered' | 'enabled' | 'requires-approval' | 'not-found';
  launchItems?: readonly { name: string }[];
}

/** What to do at startup; every field is optional and independent. */
export interface LoginItemPlan {
  /** Register (true) or unregister (false) under the app's current ID. */
  register?: boolean;
  /** A Windows autostart entry under an old name, to remove. */
  removeEntry?: string;
  /** The setting should follow the system: the user changed the login item there. */
  setting?: boolean;
  notice?: string;
}

export const APPROVAL_NOTICE =
  'Rodin Tray will open at login once you allow it in System Settings → General → Login Items.';
const REMOVED_NOTICE =
  'Launch at login is off: Rodin Tray was removed from the login items in System Settings. Turn it on again in Settings if you want it back.';
const NOT_FOUND_NOTICE =
  'macOS could not find Rodin Tray to open at login. Move the app to the Applications folder, then turn Launch at login off and on again.';

/**
 * macOS: the system's login items are the truth. Registering again at every launch would re-add an item the user
 * removed; on macOS 13+ an item may wait for the user's approval, which only they can give. Windows: the autostart
 * entry is named after the AppUserModelID, so one from before the ID was set is moved to the new name; otherwise it is
 * re-registered only when it differs from the setting (its path follows the installed executable). Linux: the XDG
 * autostart file is ours alone and is written when the setting changes.
 */
export function planLoginItemAtStartup(
  platform: NodeJS.Platform,
  wanted: boolean,
  system: SystemLoginItem,
): LoginItemPlan {
  if (platform === 'darwin') {
    if (system.status === undefined) return system.openAtLogin === wanted ? {} : { setting: system.openAtLogin };
    if (!wanted) return system.status === 'enabled' ? { setting: true } : {};
    switch (system.status) {
      case 'enabled':
        return {};
      case 'requires-approval':
        return { notice: APPROVAL_NOTICE };
      case 'not-registered':
        return { setting: false, notice: REMOVED_NOTICE };
      case 'not-found':
        return { notice: NOT_FOUND_NOTICE };
    }
  }
  if (platform === 'win32') {
    const legacy = system.launchItems?.some((item) => item.name === LEGACY_APP_USER_MODEL_ID);
    if (legacy) return { removeEntry: LEGACY_APP_USER_MODEL_ID, ...(wanted ? { register: true } : {}) };
    return system.openAtLogin === wanted ? {} : { register: wanted };
  }
  return {};
}

export interface LoginItemApp {
  getLoginItemSettings(): SystemLoginItem;
  setLoginItemSettings(settings: { openAtLogin: boolean; name?: string }): void;
}

export interface SettingsStore {
  loadSettings(): Settings;
  saveSettings(settings: Settings): void;
}

/** Carries out the startup plan before the controller reads the settings; returns what to tell the user, if anything. */
export function reconcileLoginItem(
  app: LoginItemApp,
  platform: NodeJS.Platform,
  store: SettingsStore,
): string | undefined {
  if (platform !== 'darwin' && platform !== 'win32') return undefined;
  const settings = store.loadSettings();
  const plan = planLoginItemAtStartup(platform, settings.launchAtLogin, app.getLoginItemSettings());
  if (plan.removeEntry) app.setLoginItemSettings({ openAtLogin: false, name: plan.removeEntry });
  if (plan.register !== undefined) app.setLoginItemSettings({ openAtLogin: plan.register });
  if (plan.setting !== undefined) store.saveSettings({ ...settings, launchAtLogin: plan.setting });
  return plan.notice;
}

/** The user turned the setting on or off; on macOS 13+ the result may still wait for their approval. */
export function setLoginItem(app: LoginItemApp, enabled: boolean): string | undefined {
  app.setLoginItemSettings({ openAtLogin: enabled });
  return enabled && app.getLoginItemSettings().status === 'requires-approval' ? APPROVAL_NOTICE : undefined;
}
