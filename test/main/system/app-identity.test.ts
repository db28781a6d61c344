import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyAppIdentity, APP_USER_MODEL_ID } from '../../../src/main/system/app-identity';

function recordingApp() {
  const calls: unknown[][] = [];
  return {
    calls,
    setAppUserModelId: (id: string) => calls.push(['setAppUserModelId', id]),
    setPath: (name: string, path: string) => calls.push(['setPath', name, path]),
    getPath: () => '/home/me/.config',
  };
}

describe('app identity', () => {
  it('sets the AppUserModelID to the installer’s appId first thing on Windows', () => {
    const app = recordingApp();
    applyAppIdentity(app, 'win32', {});
    expect(app.calls[0]).toEqual(['setAppUserModelId', 'com.rodintray.app']);
    // The installer writes electron-builder.yml's appId into the Start-menu shortcut; toasts need the same ID.
    const config = readFileSync(join(import.meta.dirname, '..', '..', '..', 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(new RegExp(`^appId: ${APP_USER_MODEL_ID.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('sets no AppUserModelID elsewhere', () => {
    const app = recordingApp();
    applyAppIdentity(app, 'darwin', {});
    expect(app.calls.filter(([method]) => method === 'setAppUserModelId')).toEqual([]);
  });

  it('keeps the data folder earlier versions used, though the product name is now "Rodin Tray"', () => {
    const app = recordingApp();
    applyAppIdentity(app, 'linux', {});
    expect(app.calls).toEqual([['setPath', 'userData', '/home/me/.config/rodin-tray']]);
  });

  it('uses the folder RODIN_TRAY_USER_DATA names, for tests and side-by-side runs', () => {
    const app = recordingApp();
    applyAppIdentity(app, 'linux', { RODIN_TRAY_USER_DATA: '/tmp/rodin-a' });
    expect(app.calls).toEqual([['setPath', 'userData', '/tmp/rodin-a']]);
  });
});
