#!/usr/bin/env node
// Entry for `npx rodin-jobs`: the CLI compiled to JavaScript (scripts/build-cli.js, run by `npm install`).
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/rodin-jobs.js', import.meta.url);
if (!existsSync(built)) {
  console.error('rodin-jobs is not built yet: run `npm run build:cli` (npm install does it) in the project folder.');
  process.exit(70);
}
await import(built.href);
