#!/usr/bin/env node
// Builds the rodin-jobs CLI to JavaScript (out/cli/rodin-jobs.js and its chunks) so the bin starts about as fast as plain
// Node: no TypeScript compiler at run time, and each command split into chunks of its own, loaded only when chosen
// (`--help` parses a tenth of the code). Runs on `npm install` (prepare) and in `npm run build`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { 'rodin-jobs': 'src/cli/main.ts' },
  outdir: 'out/cli',
  bundle: true,
  // Chunk names carry a hash of their content: a rebuild adds chunks beside the old ones rather than rewriting them
  // (out/cli is never cleared), so a CLI started before a rebuild still finds the chunks it loads later.
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies are bundled too: a few chunks parse faster than zod's hundred modules resolved one by one. keytar stays
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
