import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAutostartEntry, launchCommand, setLinuxAutostart } from '../../../src/main/system/linux-autostart';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('launch at login on Linux', () => {
  it('writes an XDG autostart entry that starts the app, and removes it when turned off', async () => {
    const configHome = mkdtempSync(join(tmpdir(), 'rodin-autostart-'));
    dirs.push(configHome);
    const env = { XDG_CONFIG_HOME: configHome };
    const entry = join(configHome, 'autostart', 'rodin-tray.desktop');

    await setLinuxAutostart(true, { env, execPath: '/opt/Rodin Tray/rodin-tray' });
    const text = readFileSync(entry, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec="/opt/Rodin Tray/rodin-tray"');

    await setLinuxAutostart(false, { env });
    expect(existsSync(entry)).toBe(false);
  });

  it('starts the AppImage itself, not its temporary mount, when run from one', () => {
    expect(launchCommand({ APPIMAGE: '/home/me/Apps/Rodin.AppImage' }, '/tmp/.mount_x/rodin-tray')).toEqual([
      '/home/me/Apps/Rodin.AppImage',
    ]);
  });

  it('escapes characters the Desktop Entry spec reserves in Exec', () => {
    expect(buildAutostartEntry(['/a/b', 'x"$y'])).toContain('Exec=/a/b "x\\"\\$y"');
  });
});
