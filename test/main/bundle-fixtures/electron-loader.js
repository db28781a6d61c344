// Module hooks for the bundle smoke test: every import of 'electron' (the app's and electron-store's) gets the shared
// fake through child-electron.js, and the fake's TypeScript source is transpiled on load (types stripped, no checks).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transformWithOxc } from 'vite';

const child = new URL('./child-electron.js', import.meta.url).href;
const testDir = new URL('../', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: child, shortCircuit: true };
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith(testDir) || !url.endsWith('.ts')) return nextLoad(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  // Vite's oxc transform (native, fast): the TypeScript compiler would add seconds to the child's boot.
  const { code } = await transformWithOxc(source, fileURLToPath(url), { lang: 'ts' });
  return { format: 'module', source: code, shortCircuit: true };
}
