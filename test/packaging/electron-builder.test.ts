import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Hoisted with electron-builder (which depends on it); reading the archive the way Electron does.
import { listPackage } from '@electron/asar';
// How electron-builder itself resolves electron-builder.yml merged with options (what `npm run package` passes).
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { macSigningConfig } from '../../scripts/package.js';

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
let deb: { args: string[]; desktopFiles: Record<string, string> };

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
  deb = packDeb(appDir);
}, 240_000);

/**
 * The deb target, from the unpacked app above, with a stand-in for fpm (CUSTOM_FPM_PATH; the real one is downloaded
 * from GitHub): it records the command line electron-builder hands fpm, which carries the package's dependencies,
 * and the files it would install under /usr/share/applications (temp files, gone once electron-builder is done).
 */
function packDeb(prepackaged: string): { args: string[]; desktopFiles: Record<string, string> } {
  const record = join(work, 'fpm-record.json');
  const script = join(work, 'fpm.cjs');
  writeFileSync(
    script,
    `const fs = require('fs');
const args = process.argv.slice(2);
const desktopFiles = {};
for (const arg of args) {
  const [from, to] = arg.split('=');
  if (to && to.startsWith('/usr/share/applications/')) desktopFiles[to] = fs.readFileSync(from, 'utf8');
}
fs.writeFileSync(process.env.FPM_RECORD, JSON.stringify({ args, desktopFiles }));
fs.writeFileSync(args[args.indexOf('--package') + 1], '');
`,
  );
  const fpm = join(work, 'fpm');
  writeFileSync(fpm, `#!/bin/sh\nexec "${process.execPath}" "${script}" "$@"\n`, { mode: 0o755 });
  const builder = spawnSync(
    'npx',
    [
      'electron-builder',
      '--linux',
      'deb',
      '--x64',
      '--prepackaged',
      prepackaged,
      `-c.directories.output=${join(work, 'deb')}`,
      // fpm refuses a package without a homepage and a maintainer; the project has none published yet.
      '-c.extraMetadata.homepage=https://example.invalid/rodin-tray',
      '-c.linux.maintainer=Rodin Tray contributors',
      '--publish',
      'never',
    ],
    { encoding: 'utf8', env: { ...process.env, CUSTOM_FPM_PATH: fpm, FPM_RECORD: record } },
  );
  if (builder.status !== 0) {
    throw new Error(
      `electron-builder deb failed (${builder.status}):\n${builder.stdout.slice(-3000)}\n${builder.stderr}`,
    );
  }
  return JSON.parse(readFileSync(record, 'utf8')) as { args: string[]; desktopFiles: Record<string, string> };
}

/** The values of every `flag value` pair in an fpm command line. */
function valuesOf(args: string[], flag: string): string[] {
  return args.flatMap((arg, i) => (arg === flag ? [args[i + 1] ?? ''] : []));
}

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

  it('packs the tray icons the main process loads, the Windows .ico included', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        '/assets/tray/tray-idle-light.png',
        '/assets/tray/tray-runningTemplate@2x.png',
        '/assets/tray/tray-idle-dark.ico',
      ]),
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

describe('electron-builder deb', () => {
  it('depends on electron-builder’s default libraries and libsecret, instead of libsecret alone', () => {
    const depends = valuesOf(deb.args, '-d');
    // GTK for the window, libnss3 for Chromium, libnotify4 for notifications, xdg-utils for links and folders.
    expect(depends).toEqual(
      expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4', 'xdg-utils', 'libxtst6', 'libsecret-1-0']),
    );
    // The tray on GNOME needs the AppIndicator library; recommended, as electron-builder does.
    expect(valuesOf(deb.args, '--deb-recommends')).toContain('libappindicator3-1');
  });

  it('installs the .desktop entry under desktopName, with the rodin-tray:// handler', () => {
    expect(Object.keys(deb.desktopFiles)).toEqual(['/usr/share/applications/com.rodintray.app.desktop']);
    const entry = deb.desktopFiles['/usr/share/applications/com.rodintray.app.desktop'] ?? '';
    expect(entry).toContain('Name=Rodin Tray');
    expect(entry).toContain('MimeType=x-scheme-handler/rodin-tray;');
    expect(entry).toContain('StartupWMClass=com.rodintray.app');
  });
});

describe('macOS signing config', () => {
  const projectDir = join(import.meta.dirname, '..', '..');

  it('signs with the hardened runtime and the entitlements file when a certificate is in the environment', async () => {
    const config = await getConfig(projectDir, null, macSigningConfig({ CSC_LINK: 'cert.p12' }));
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      entitlements: 'assets/entitlements.mac.plist',
    });
    expect(config.mac?.identity).toBeUndefined();
    const entitlements = readFileSync(join(projectDir, 'assets', 'entitlements.mac.plist'), 'utf8');
    expect(entitlements).toContain('<key>com.apple.security.cs.allow-jit</key>');
    expect(entitlements).not.toContain('disable-library-validation');
  });

  it('signs ad hoc, without the hardened runtime or notarization, when there is no certificate', async () => {
    const config = await getConfig(projectDir, null, macSigningConfig({}));
    expect(config.mac).toMatchObject({ identity: '-', hardenedRuntime: false, notarize: false });
  });
});
