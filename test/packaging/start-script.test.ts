import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
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
    const result = spawnSync(process.execPath, ['scripts/start.js'], {
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

  it('runs the terminal demo instead when asked for the demo (npm run demo)', async () => {
    const child = spawn(process.execPath, ['scripts/start.js', '--demo'], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir, NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    try {
      // The demo's first line names its simulator; that is enough to know the fallback started the real thing.
      await expect.poll(() => out + err, { timeout: 30_000 }).toMatch(/Demo: \d+ scripted tasks on a local simulator/);
      expect(err).toContain('Electron binary was not downloaded');
      expect(err).toContain('Running the terminal demo instead');
    } finally {
      child.kill('SIGINT');
    }
  });

  it('finds a binary placed where ELECTRON_OVERRIDE_DIST_PATH points', () => {
    writeFileSync(join(dir, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir })).toBe(join(dir, 'electron'));
  });
});
