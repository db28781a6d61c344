import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirm } from '../../src/cli/confirm';
import { parseTaskInput } from '../../src/core/input/parse-task-input';
import { startSimulator, type Simulator } from '../../src/core/sim/simulator';
import { solidPng } from '../fixtures/images';
import { ndjson, runCli } from './run-cli';

let sim: Simulator;
let scratch: string;
let red: string;
let blue: string;
const env = () => ({ RODIN_API_KEY: sim.apiKey, RODIN_BASE_URL: sim.baseUrl });
const generationsOf = (prompt: string) => sim.submissions().filter((s) => s.fields.prompt === prompt);

beforeAll(async () => {
  sim = await startSimulator({ balance: 100 });
  sim.setGenerationScript({ jobs: 2, queueMs: 300, queueLength: 1, generateMs: 700 });
  scratch = await mkdtemp(join(tmpdir(), 'rodin-cli-generate-'));
  red = join(scratch, 'red.png');
  blue = join(scratch, 'blue.png');
  await writeFile(red, solidPng([220, 40, 40]));
  await writeFile(blue, solidPng([40, 40, 220]));
});

afterAll(async () => {
  await sim.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe.concurrent('rodin-jobs generate', { timeout: 90_000 }, () => {
  it('submits with --yes, images in order, and prints the task in the form `watch` accepts', async () => {
    const run = await runCli(
      [
        'generate',
        '--prompt',
        'a red chair',
        '--image',
        red,
        '--image',
        blue,
        '--tier',
        'Sketch',
        '--highpack',
        '--yes',
      ],
      { env: env() },
    );
    expect(run.stderr).toContain('Cost: 1.5 credits');
    expect(run.code).toBe(0);
    const [submission] = generationsOf('a red chair');
    expect(submission?.files.map((f) => f.name)).toEqual(['red.png', 'blue.png']);
    expect(submission?.fields).toMatchObject({ tier: 'Sketch', addons: '["HighPack"]' });
    const printed = parseTaskInput(run.stdout.trim());
    expect(printed.tasks).toHaveLength(1);
    expect(printed.tasks[0]).toMatchObject({ label: 'a red chair', tier: 'Sketch' });
    expect(sim.tasks().map((t) => t.subscriptionKey)).toContain(printed.tasks[0]?.subscriptionKey);

    const watched = await runCli(['watch', '-', '--output', 'json'], { env: env(), stdin: run.stdout });
    expect(watched.code).toBe(0);
    expect(ndjson(watched.stdout).at(-1)).toMatchObject({ event: 'summary', exitCode: 0 });
  });

  it('refuses to spend credits without --yes when not on a terminal, before even asking for the balance', async () => {
    const run = await runCli(['generate', '--prompt', 'unconfirmed'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pass --yes');
    expect(run.stderr).not.toContain('Cost:');
    expect(generationsOf('unconfirmed')).toHaveLength(0);
  });

  it('lists every problem with the request and sends nothing', async () => {
    const run = await runCli(['generate', '--tier', 'Gen-9', '--seed', '70000', '--yes'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Write a prompt or add an image');
    expect(run.stderr).toContain('Tier "Gen-9" is not known');
    expect(run.stderr).toContain('The seed must be a whole number from 0 to 65535.');
  });

  it('refuses a file that is not an image', async () => {
    const notes = join(scratch, 'notes.png');
    await writeFile(notes, 'just text');
    const run = await runCli(['generate', '--image', notes, '--yes'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a PNG, JPEG or WebP image');
  });

  it('watches and downloads the new task with --download, JSON events after the task line', async () => {
    const dir = join(scratch, 'results');
    const run = await runCli(
      ['generate', '--prompt', 'a blue teapot', '--yes', '--download', dir, '--output', 'json'],
      { env: env() },
    );
    expect(run.code).toBe(0);
    const [task, ...events] = ndjson(run.stdout);
    expect(task).toMatchObject({ label: 'a blue teapot' });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['added', 'finished', 'download', 'summary']));
    const saved = events.find((e) => e.event === 'download' && e.status === 'done') as { files: string[] };
    for (const file of saved.files) expect(existsSync(file)).toBe(true);
    expect(readdirSync(dir)).toHaveLength(1);
  });
});

describe('rodin-jobs generate against a simulator of its own', { timeout: 60_000 }, () => {
  it('says in words how the service refused, and prints no task', async () => {
    const busy = await startSimulator();
    // The balance check passes, then the service itself refuses: the error comes inside a 201 body.
    busy.setFault({ kind: 'error-in-201', code: 'PARALLELISM_LIMIT_REACHED', paths: ['/v2/rodin'], times: 1 });
    try {
      const run = await runCli(['generate', '--prompt', 'too many at once', '--yes'], {
        env: { RODIN_API_KEY: busy.apiKey, RODIN_BASE_URL: busy.baseUrl },
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('already running as many generations as it allows');
      expect(run.stdout).toBe('');
      expect(busy.requests().filter((r) => r.path === '/v2/rodin')).toHaveLength(1);
    } finally {
      await busy.stop();
    }
  });

  it('does not submit when the balance is below the cost', async () => {
    const poor = await startSimulator({ balance: 0.25 });
    try {
      const run = await runCli(['generate', '--prompt', 'a vase', '--yes'], {
        env: { RODIN_API_KEY: poor.apiKey, RODIN_BASE_URL: poor.baseUrl },
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Not enough credits: this costs 0.5 credits and the balance is 0.25 credits.');
      expect(poor.submissions()).toHaveLength(0);
    } finally {
      await poor.stop();
    }
  });

  it('reports "outcome unknown" with the balance before and after when the service does not answer', async () => {
    const slow = await startSimulator();
    slow.setFault({ kind: 'malformed-json', paths: ['/v2/rodin'], times: 1 });
    try {
      const run = await runCli(['generate', '--prompt', 'a vase', '--yes'], {
        env: { RODIN_API_KEY: slow.apiKey, RODIN_BASE_URL: slow.baseUrl },
      });
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('not known whether the task was started');
      expect(run.stderr).toContain('Balance before: 212.5 credits; now: 212.5 credits');
      expect(slow.requests().filter((r) => r.path === '/v2/rodin')).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });
});

describe('confirm', () => {
  const ask = async (typed: string | null) => {
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    const output = new PassThrough() as unknown as NodeJS.WriteStream;
    const answer = confirm('Spend? [y/N] ', input, output);
    if (typed === null) (input as unknown as PassThrough).end();
    else (input as unknown as PassThrough).write(typed);
    return answer;
  };

  it('takes only an explicit yes as yes; Enter, anything else or end of input is no', async () => {
    expect(await ask('y\n')).toBe(true);
    expect(await ask('Yes\n')).toBe(true);
    expect(await ask('\n')).toBe(false);
    expect(await ask('sure\n')).toBe(false);
    expect(await ask(null)).toBe(false);
  });
});
