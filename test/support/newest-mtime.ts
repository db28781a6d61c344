// When anything under a folder last changed: tests that run a build compare it with the build's own time.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
