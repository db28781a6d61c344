#!/usr/bin/env node
// Builds the rodin-jobs CLI to one JavaScript file (out/cli/rodin-jobs.js) so the bin starts as fast as plain Node:
// no TypeScript compiler at run time. Runs on `npm install` (prepare) and in `npm run build`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'out/cli/rodin-jobs.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies are bundled too: one file parses faster than zod's hundred modules resolved one by one. keytar stays
  // outside: it is native, optional, and loaded only when a command needs the keychain.
  external: ['keytar'],
  // commander is CommonJS and requires Node built-ins; an ES module bundle needs a require of its own for that.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  minify: true,
  sourcemap: false,
  logLevel: 'warning',
});
