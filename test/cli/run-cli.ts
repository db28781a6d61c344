// Runs the real `rodin-jobs` bin as a child process (async, so a simulator in the test process keeps answering).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from '../support/newest-mtime';

const BIN = fileURLToPath(new URL('../../bin/rodin-jobs.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The compiled CLI's entry; its chunks sit beside it. */
export const BUILT = join(ROOT, 'out', 'cli', 'rodin-jobs.js');

// The bin runs the compiled CLI: a missing or stale build would test yesterday's code, so build it (a second).
if (!existsSync(BUILT) || newestMtime(join(ROOT, 'src')) > statSync(BUILT).mtimeMs) {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.js')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the CLI failed:\n${build.stdout}\n${build.stderr}`);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; stdin?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  const started = Date.now();
  // A small, explicit environment: nothing from the developer's shell (no real key, no real base URL).
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' };
  for (const [name, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[name] = value;
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    const killer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `rodin-jobs ${args.join(' ')} did not finish in ${options.timeoutMs ?? 80_000} ms\n${stdout}\n${stderr}`,
        ),
      );
    }, options.timeoutMs ?? 80_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Parses newline-delimited JSON, failing the test on any line that is not JSON. */
export function ndjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
