import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT } from './run-cli';

/**
 * The compiled files a module needs, followed transitively: only those it imports before it runs (what `--help` has to
 * parse), or those too that it imports when a command is chosen. A missing chunk throws here rather than in a terminal.
 */
function chunksOf(file: string, { whenChosen }: { whenChosen: boolean }, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const pattern = whenChosen ? /(?:from|import)\s*\(?"(\.\/[^"]+)"/g : /(?:from|import)\s*"(\.\/[^"]+)"/g;
  for (const [, name] of readFileSync(file, 'utf8').matchAll(pattern)) {
    chunksOf(join(dirname(file), name!), { whenChosen }, seen);
  }
  return seen;
}

const bytes = (files: Set<string>) => [...files].reduce((n, file) => n + statSync(file).size, 0);

describe('the compiled CLI', () => {
  it('loads a command only when it is chosen, so --help parses a small part of the code', () => {
    const entry = readFileSync(BUILT, 'utf8');
    for (const command of ['watch', 'status', 'download', 'generate', 'balance', 'key', 'sim', 'demo']) {
      expect(entry).toMatch(new RegExp(`import\\("\\./${command}-[A-Z0-9]+\\.js"\\)`));
    }
    const atStart = bytes(chunksOf(BUILT, { whenChosen: false }));
    const everything = bytes(chunksOf(BUILT, { whenChosen: true }));
    expect(atStart).toBeLessThan(everything / 4);
  });
});
