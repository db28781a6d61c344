#!/usr/bin/env node
// `npm start` / `npm run demo`: builds the bundles and launches Electron, or says in one paragraph why it cannot.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary, MISSING_ELECTRON_MESSAGE } from './electron-binary.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const electron = findElectronBinary();
if (!electron) {
  console.error(MISSING_ELECTRON_MESSAGE);
  if (!args.includes('--demo')) process.exit(1);
  // The demo needs no window to make its point: run the same engine in the terminal instead.
  console.error('\nRunning the terminal demo instead (npx rodin-jobs demo):\n');
  const demo = spawn(process.execPath, [join(root, 'bin', 'rodin-jobs.js'), 'demo'], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => demo.kill(signal));
  demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  launch(electron);
}

function launch(electron) {
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);

  const child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
