#!/usr/bin/env node
// Entry for `npx rodin-jobs`: runs the TypeScript CLI through tsx, so the bin never drifts from src/.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
