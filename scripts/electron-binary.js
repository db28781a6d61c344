// Finds the Electron executable without triggering electron's own download-on-require, and explains a missing one.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');

/** The executable path, or undefined when the binary was never downloaded (or only partly). */
export function findElectronBinary(env = process.env) {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(candidate) ? candidate : undefined;
  }
  if (!relative) return undefined;
  const candidate = join(electronDir, 'dist', relative);
  return existsSync(candidate) ? candidate : undefined;
}

export const MISSING_ELECTRON_MESSAGE =
  'Rodin Tray cannot start: the Electron binary was not downloaded. npm installs the electron package, but the ' +
  'binary itself comes from GitHub during `npm install`, and that download did not happen here (offline, blocked, ' +
  'or install scripts disabled). To fetch it from a mirror or a local cache, set ELECTRON_MIRROR (a mirror URL) ' +
  'or ELECTRON_CUSTOM_DIR / electron_config_cache (a folder holding the Electron zip), then run ' +
  '`node node_modules/electron/install.js`. Meanwhile, `npx rodin-jobs demo` shows the same task watching in the ' +
  'terminal, with no Electron needed.';
