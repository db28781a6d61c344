import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../../scripts/electron-binary.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rodin-start-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start without the Electron binary', () => {
  it('exits non-zero with one paragraph naming the cause, the mirror settings and the CLI demo', () => {
    const result = spawnSync(process.execPath, ['scripts/start.js', '--demo'], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    const message = result.stderr.trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('Electron binary was not downloaded');
    expect(message).toContain('ELECTRON_MIRROR');
    expect(message).toContain('ELECTRON_CUSTOM_DIR');
    expect(message).toContain('node node_modules/electron/install.js');
    expect(message).toContain('npx rodin-jobs demo');
  });

  it('finds a binary placed where ELECTRON_OVERRIDE_DIST_PATH points', () => {
    writeFileSync(join(dir, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir })).toBe(join(dir, 'electron'));
  });
});
