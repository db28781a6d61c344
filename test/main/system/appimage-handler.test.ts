import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHandlerEntry, DESKTOP_FILE, registerAppImageHandler } from '../../../src/main/system/appimage-handler';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('rodin-tray:// links for the AppImage', () => {
  it('writes a user .desktop entry that opens links with the AppImage file, then registers it', async () => {
    const dataHome = mkdtempSync(join(tmpdir(), 'rodin-data-'));
    dirs.push(dataHome);
    const setAsDefault = vi.fn(() => true);
    const env = { APPIMAGE: '/home/me/Apps/Rodin Tray.AppImage', XDG_DATA_HOME: dataHome };
    expect(await registerAppImageHandler('rodin-tray', setAsDefault, env)).toBe(true);
    const entry = readFileSync(join(dataHome, 'applications', 'com.rodintray.app.desktop'), 'utf8');
    expect(entry).toContain('Exec="/home/me/Apps/Rodin Tray.AppImage" %U');
    expect(entry).toContain('MimeType=x-scheme-handler/rodin-tray;');
    // The entry exists before Electron asks xdg-settings to make it the default.
    expect(setAsDefault).toHaveBeenCalledTimes(1);
  });

  it('does nothing outside an AppImage (the deb installs its own entry)', async () => {
    const dataHome = mkdtempSync(join(tmpdir(), 'rodin-data-'));
    dirs.push(dataHome);
    const setAsDefault = vi.fn(() => true);
    expect(await registerAppImageHandler('rodin-tray', setAsDefault, { XDG_DATA_HOME: dataHome })).toBe(false);
    expect(existsSync(join(dataHome, 'applications'))).toBe(false);
    expect(setAsDefault).not.toHaveBeenCalled();
  });

  it('is named after package.json’s desktopName, the name Electron gives xdg-settings', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      desktopName: string;
    };
    expect(DESKTOP_FILE).toBe(pkg.desktopName);
    expect(buildHandlerEntry('/a', 'rodin-tray')).toContain('StartupWMClass=com.rodintray.app');
  });
});
