// rodin-tray:// links for the AppImage: the deb installs a .desktop entry with the handler, an AppImage has none, so
// the app writes one for the user (pointing at the AppImage file) and registers it.
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { quoteExecArg } from './linux-autostart';

/** package.json's desktopName: Electron names itself after it to xdg-settings (CHROME_DESKTOP) and the portals. */
export const DESKTOP_FILE = 'com.rodintray.app.desktop';

export function buildHandlerEntry(appImage: string, scheme: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Rodin Tray',
    'Comment=Watches Hyper3D Rodin generation tasks',
    `Exec=${quoteExecArg(appImage)} %U`,
    'Terminal=false',
    'Categories=Graphics;',
    `MimeType=x-scheme-handler/${scheme};`,
    `StartupWMClass=${DESKTOP_FILE.replace(/\.desktop$/, '')}`,
    '',
  ].join('\n');
}

/** $XDG_DATA_HOME/applications, else ~/.local/share/applications: where per-user .desktop entries live. */
export function handlerEntryPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'applications', DESKTOP_FILE);
}

/**
 * Writes the entry when running from an AppImage (APPIMAGE names the file; the mount path changes every run), then
 * lets Electron make it the default handler (`xdg-settings set default-url-scheme-handler`). Returns whether it did.
 */
export async function registerAppImageHandler(
  scheme: string,
  setAsDefault: () => boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  if (!env.APPIMAGE) return false;
  const path = handlerEntryPath(env);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, buildHandlerEntry(env.APPIMAGE, scheme), 'utf8');
  return setAsDefault();
}
