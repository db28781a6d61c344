// `rodin-jobs --help` start-up next to a bare `node -e 0`, run alternately so both see the same machine load.
// Target: the CLI's median at most 2x bare Node's (it runs compiled JavaScript, no TypeScript at run time).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/rodin-jobs.js', import.meta.url));
const RUNS = 11;
const TARGET_RATIO = 2;

function wallMs(args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function runCliStartupBench(): { lines: string[]; ratio: number } {
  wallMs([BIN, '--help']); // builds nothing, but warms the file cache
  const bare: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(wallMs(['-e', '0']));
    cli.push(wallMs([BIN, '--help']));
  }
  const ratio = median(cli) / median(bare);
  return {
    ratio,
    lines: [
      `CLI start-up (median of ${RUNS}): node -e 0 ${median(bare).toFixed(0)} ms, ` +
        `rodin-jobs --help ${median(cli).toFixed(0)} ms = ${ratio.toFixed(2)}x ` +
        `(target <= ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
    ],
  };
}
