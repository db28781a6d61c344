// Who the app is to the OS: the Windows AppUserModelID its toasts and Start-menu shortcut share, and its data folder.
import { join, resolve } from 'node:path';

/** electron-builder.yml's appId, which the installer writes into the Start-menu shortcut. */
export const APP_USER_MODEL_ID = 'com.rodintray.app';

/**
 * The ID Electron made up before we set one ("electron.app." + the executable's product name). Windows names the
 * autostart registry entry after the ID, so entries from earlier versions carry this name.
 */
export const LEGACY_APP_USER_MODEL_ID = 'electron.app.Rodin Tray';

/** Earlier versions had no productName, so Electron named the data folder after package.json's name. */
const DATA_FOLDER = 'rodin-tray';

export interface IdentityApp {
  setAppUserModelId(id: string): void;
  setPath(name: 'userData', path: string): void;
  getPath(name: 'appData'): string;
}

/** Where settings, tasks and the key slot live: the test/side-by-side override, else the folder earlier versions used. */
export function userDataPath(appData: string, env: NodeJS.ProcessEnv): string {
  return env.RODIN_TRAY_USER_DATA ? resolve(env.RODIN_TRAY_USER_DATA) : join(appData, DATA_FOLDER);
}

/** Must run before anything reads userData or raises a notification. */
export function applyAppIdentity(app: IdentityApp, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): void {
  // Toasts raised under another ID than the shortcut's are dropped or shown under the wrong name (electron#10864).
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // productName ("Rodin Tray") would otherwise move userData to a new, empty folder.
  app.setPath('userData', userDataPath(app.getPath('appData'), env));
}
