// The layer rule in eslint.config.js fails on wrong imports: each case lints a real file of one layer with imports
// from the layers it must not know added on top, through the project's own ESLint config.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
// Type-aware linting builds a TypeScript program first: slow on a busy machine, so these tests get time.
const LINT_TIMEOUT_MS = 180_000;
const eslint = new ESLint({ cwd: ROOT });

/** The rule's messages for `file` with `imports` (module paths relative to it) added at the top. */
async function layerErrors(file: string, imports: readonly string[]): Promise<string[]> {
  const added = imports.map((path, i) => `import * as probe${i} from '${path}';\nvoid probe${i};\n`).join('');
  const [result] = await eslint.lintText(added + readFileSync(join(ROOT, file), 'utf8'), {
    filePath: join(ROOT, file),
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('the layer rule', () => {
  it.each([
    ['the window', 'src/renderer/state/announce.ts', ['../../core/clock', '../../main/platform']],
    ['the preload', 'src/preload/bridge.ts', ['../core/clock', '../main/platform']],
    ['the core', 'src/core/tasks/task-id.ts', ['../../main/platform', '../../renderer/state/format', '../../cli/io']],
    ['the CLI', 'src/cli/io.ts', ['../main/platform']],
    ['shared', 'src/shared/settings.ts', ['../core/clock', '../renderer/state/format']],
  ] as const)(
    'fails when %s imports a layer it must not know',
    async (_who, file, imports) => {
      const errors = await layerErrors(file, imports);
      expect(errors).toHaveLength(imports.length);
      for (const [i, path] of imports.entries()) expect(errors[i]).toContain(`"${path}"`);
    },
    LINT_TIMEOUT_MS,
  );

  it(
    'lets each layer import what is below it',
    async () => {
      expect(await layerErrors('src/renderer/state/announce.ts', ['../../shared/task-states'])).toEqual([]);
      expect(await layerErrors('src/cli/io.ts', ['../core/clock', '../shared/task-states'])).toEqual([]);
      expect(await layerErrors('src/main/platform.ts', ['../core/clock', '../shared/task-states'])).toEqual([]);
    },
    LINT_TIMEOUT_MS,
  );
});
