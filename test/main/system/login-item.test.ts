import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import {
  APPROVAL_NOTICE,
  planLoginItemAtStartup,
  reconcileLoginItem,
  setLoginItem,
  type SystemLoginItem,
} from '../../../src/main/system/login-item';
import { LEGACY_APP_USER_MODEL_ID } from '../../../src/main/system/app-identity';

/**
 * app.get/setLoginItemSettings as documented: on macOS 13+ registering a main-app login item may leave it waiting for
 * the user's approval; on Windows each entry is a registry value named after `name` (default: the AppUserModelID).
 */
function fakeLoginItems(platform: 'darwin' | 'win32', initial: { items?: string[]; needsApproval?: boolean } = {}) {
  const items = new Set(initial.items ?? []);
  const calls: { openAtLogin: boolean; name?: string }[] = [];
  const ownName = 'com.rodintray.app';
  return {
    calls,
    items,
    getLoginItemSettings(): SystemLoginItem {
      if (platform === 'darwin') {
        const registered = items.has(ownName);
        return {
          openAtLogin: registered && !initial.needsApproval,
          status: registered ? (initial.needsApproval ? 'requires-approval' : 'enabled') : 'not-registered',
        };
      }
      return { openAtLogin: items.has(ownName), launchItems: [...items].map((name) => ({ name })) };
    },
    setLoginItemSettings(settings: { openAtLogin: boolean; name?: string }) {
      calls.push(settings);
      const name = settings.name ?? ownName;
      if (settings.openAtLogin) items.add(name);
      else items.delete(name);
    },
  };
}

function memoryStore(launchAtLogin: boolean) {
  let settings: Settings = { ...DEFAULT_SETTINGS, launchAtLogin };
  return {
    loadSettings: () => settings,
    saveSettings: (next: Settings) => {
      settings = next;
    },
  };
}

describe('launch at login, macOS 13+', () => {
  it('does not register again at launch when the item is there', () => {
    const app = fakeLoginItems('darwin', { items: ['com.rodintray.app'] });
    expect(reconcileLoginItem(app, 'darwin', memoryStore(true))).toBeUndefined();
    expect(app.calls).toEqual([]);
  });

  it('does not re-add an item the user removed: the setting goes off and the window says why', () => {
    const app = fakeLoginItems('darwin');
    const store = memoryStore(true);
    const notice = reconcileLoginItem(app, 'darwin', store);
    expect(app.calls).toEqual([]);
    expect(store.loadSettings().launchAtLogin).toBe(false);
    expect(notice).toMatch(/removed from the login items/);
  });

  it('tells the user where to approve an item waiting for approval, without registering it again', () => {
    const app = fakeLoginItems('darwin', { items: ['com.rodintray.app'], needsApproval: true });
    const store = memoryStore(true);
    expect(reconcileLoginItem(app, 'darwin', store)).toBe(APPROVAL_NOTICE);
    expect(APPROVAL_NOTICE).toContain('System Settings → General → Login Items');
    expect(app.calls).toEqual([]);
    expect(store.loadSettings().launchAtLogin).toBe(true);
  });

  it('says where to approve right after the user turns the setting on, when macOS asks for it', () => {
    expect(setLoginItem(fakeLoginItems('darwin', { needsApproval: true }), true)).toBe(APPROVAL_NOTICE);
    expect(setLoginItem(fakeLoginItems('darwin'), true)).toBeUndefined();
  });

  it('follows an item the user added in System Settings', () => {
    expect(planLoginItemAtStartup('darwin', false, { openAtLogin: true, status: 'enabled' })).toEqual({
      setting: true,
    });
  });

  it('on macOS before 13 (no status), also takes the system’s word instead of registering again', () => {
    expect(planLoginItemAtStartup('darwin', true, { openAtLogin: false })).toEqual({ setting: false });
    expect(planLoginItemAtStartup('darwin', true, { openAtLogin: true })).toEqual({});
  });
});

describe('launch at login, Windows', () => {
  it('moves an autostart entry named after Electron’s old default ID to the app’s own ID', () => {
    const app = fakeLoginItems('win32', { items: [LEGACY_APP_USER_MODEL_ID] });
    reconcileLoginItem(app, 'win32', memoryStore(true));
    expect([...app.items]).toEqual(['com.rodintray.app']);
    expect(app.calls).toEqual([{ openAtLogin: false, name: 'electron.app.Rodin Tray' }, { openAtLogin: true }]);
  });

  it('removes an old-named entry without adding one when the setting is off', () => {
    const app = fakeLoginItems('win32', { items: [LEGACY_APP_USER_MODEL_ID] });
    reconcileLoginItem(app, 'win32', memoryStore(false));
    expect([...app.items]).toEqual([]);
  });

  it('registers when the entry is missing and the setting is on, and leaves a matching entry alone', () => {
    const missing = fakeLoginItems('win32');
    reconcileLoginItem(missing, 'win32', memoryStore(true));
    expect([...missing.items]).toEqual(['com.rodintray.app']);
    const present = fakeLoginItems('win32', { items: ['com.rodintray.app'] });
    reconcileLoginItem(present, 'win32', memoryStore(true));
    expect(present.calls).toEqual([]);
  });
});

describe('launch at login, Linux', () => {
  it('leaves the XDG autostart file to the settings change that writes it', () => {
    expect(planLoginItemAtStartup('linux', true, { openAtLogin: false })).toEqual({});
  });
});
