import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Hoisted with electron-builder (which depends on it); reading the archive the way Electron does.
import { extractFile, listPackage } from '@electron/asar';

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;

let work: string;
let appDir: string;
let entries: string[];

/**
 * The smallest Electron electron-builder accepts: one executable holding the fuse wire, all fuses on, so the test
 * sees electron-builder flip them as electron-builder.yml says.
 */
function writeStubElectron(dir: string): void {
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, FUSES.length]), Buffer.from('1'.repeat(8))]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 1\n'), wire]), { mode: 0o755 });
}

function fuseStates(executable: string): Record<string, string> {
  const binary = readFileSync(executable);
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
  const length = binary[at + 1] ?? 0;
  const wire = binary.subarray(at + 2, at + 2 + length).toString('latin1');
  return Object.fromEntries(FUSES.map((name, i) => [name, wire[i] === '1' ? 'on' : 'off']));
}

beforeAll(() => {
  if (!existsSync('out/main/index.js') || !existsSync('out/preload/index.cjs')) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  }
  work = mkdtempSync(join(tmpdir(), 'rodin-package-'));
  const dist = join(work, 'electron-dist');
  execFileSync('mkdir', ['-p', dist]);
  writeStubElectron(dist);
  const builder = spawnSync(
    'npx',
    [
      'electron-builder',
      '--dir',
      '--linux',
      '--x64',
      `-c.electronDist=${dist}`,
      `-c.directories.output=${join(work, 'out')}`,
      '--publish',
      'never',
    ],
    { encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  if (builder.status !== 0) {
    // Say what electron-builder said: a failure here is otherwise a bare "exit code 1".
    throw new Error(
      `electron-builder failed (${builder.status}):\n${builder.stdout.slice(-3000)}\n${builder.stderr.slice(-3000)}`,
    );
  }
  appDir = join(work, 'out', 'linux-unpacked');
  entries = listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false });
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --dir', () => {
  it('packs the main, preload and renderer bundles into app.asar', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        '/out/main/index.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
        '/package.json',
      ]),
    );
  });

  // The fuse grantFileProtocolExtraPrivileges stays off, so the window only works served from app:// out of the asar.
  it('packs the renderer page and every script, stylesheet and asset it references', () => {
    const asar = join(appDir, 'resources', 'app.asar');
    const page = extractFile(asar, 'out/renderer/index.html').toString('utf8');
    const references = [...page.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => `/out/renderer/${m[1]}`);
    expect(references.some((reference) => reference.endsWith('.js'))).toBe(true);
    expect(references.some((reference) => reference.endsWith('.css'))).toBe(true);
    expect(entries).toEqual(expect.arrayContaining(references));
  });

  it('ships a main bundle that registers the app:// scheme and serves it with protocol.handle', () => {
    const main = extractFile(join(appDir, 'resources', 'app.asar'), 'out/main/index.js').toString('utf8');
    expect(main).toMatch(/registerSchemesAsPrivileged\(\[\{\s*scheme: "app"/);
    expect(main).toMatch(/protocol\.handle\("app", createRendererHandler\(/);
    expect(main).not.toMatch(/\.loadFile\(/);
  });

  it('packs the tray icons the main process loads', () => {
    expect(entries).toEqual(
      expect.arrayContaining(['/assets/tray/tray-idle-light.png', '/assets/tray/tray-runningTemplate@2x.png']),
    );
  });

  it('leaves sources, tests and source maps out', () => {
    expect(entries.filter((entry) => /^\/(src|test|bench|scripts)\//.test(entry))).toEqual([]);
    expect(entries.filter((entry) => entry.endsWith('.map'))).toEqual([]);
    expect(entries.filter((entry) => entry.startsWith('/node_modules/esbuild/'))).toEqual([]);
  });

  it('unpacks keytar’s native module next to the archive so it can be loaded', () => {
    const release = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'keytar', 'build', 'Release');
    expect(readdirSync(release)).toContain('keytar.node');
  });

  it('names the Linux executable rodin-tray and sets the fuses from electron-builder.yml', () => {
    expect(fuseStates(join(appDir, 'rodin-tray'))).toEqual({
      RunAsNode: 'off',
      EnableCookieEncryption: 'on',
      EnableNodeOptionsEnvironmentVariable: 'off',
      EnableNodeCliInspectArguments: 'off',
      EnableEmbeddedAsarIntegrityValidation: 'on',
      OnlyLoadAppFromAsar: 'on',
      LoadBrowserProcessSpecificV8Snapshot: 'off',
      GrantFileProtocolExtraPrivileges: 'off',
    });
  });
});
