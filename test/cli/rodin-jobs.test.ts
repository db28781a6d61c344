import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/core/sim/simulator';
import { ndjson, runCli } from './run-cli';

let sim: Simulator;
let scratch: string;
const env = () => ({ RODIN_API_KEY: sim.apiKey, RODIN_BASE_URL: sim.baseUrl });
const statusCallsFor = (since: number) => sim.requests().filter((r) => r.path === '/v2/status' && r.at >= since).length;

beforeAll(async () => {
  sim = await startSimulator();
  scratch = await mkdtemp(join(tmpdir(), 'rodin-cli-test-'));
});

afterAll(async () => {
  await sim.stop();
  await rm(scratch, { recursive: true, force: true });
});

// Each run is a separate process against the one simulator; running them side by side keeps the file fast.
// The generous timeout is for busy CI machines: each run starts a node process, and watch waits for real polls.
describe.concurrent('rodin-jobs', { timeout: 90_000 }, () => {
  it('prints one round of status as one JSON document with each job and the derived state', async () => {
    const task = sim.addTask({ jobs: 3, queueMs: 600_000, queueLength: 4 });
    const run = await runCli(['status', '--key', task.subscriptionKey, '--task', task.taskUuid, '--output', 'json'], {
      env: env(),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      tasks: { state: string; taskUuid: string; jobs: unknown[]; queuePosition: number }[];
    };
    expect(doc.tasks).toHaveLength(1);
    expect(doc.tasks[0]).toMatchObject({ state: 'waiting', taskUuid: task.taskUuid, queuePosition: 4 });
    expect(doc.tasks[0]?.jobs).toHaveLength(3);
    expect(run.stdout).not.toContain(task.subscriptionKey);
  });

  it('prints one round of status for people: the state and every job with its status', async () => {
    const task = sim.addTask({ jobs: 2, queueMs: 0, generateMs: 0 });
    const file = join(scratch, 'response.json');
    await writeFile(file, JSON.stringify(task.generationResponse, null, 2));
    const since = Date.now();
    const run = await runCli(['status', file], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('state: Done · 2/2 jobs');
    for (const uuid of task.jobUuids) expect(run.stdout).toContain(`Done       job ${uuid}`);
    expect(statusCallsFor(since)).toBeGreaterThanOrEqual(1);
  });

  it('watches a task to Done, emitting only JSON events on stdout, and downloads its files', async () => {
    const task = sim.addTask({ jobs: 2, queueMs: 500, queueLength: 1, generateMs: 1_000 });
    const dir = join(scratch, 'watch-done');
    const run = await runCli(
      ['watch', JSON.stringify(task.generationResponse), '--download', dir, '--output', 'json'],
      {
        env: env(),
      },
    );
    expect(run.code).toBe(0);
    const events = ndjson(run.stdout);
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['added', 'finished', 'download', 'summary']));
    expect(events.at(-1)).toMatchObject({ event: 'summary', exitCode: 0 });
    const saved = events.find((e) => e.event === 'download' && e.status === 'done') as { files: string[] };
    expect(saved.files.length).toBeGreaterThanOrEqual(2);
    for (const file of saved.files) expect(existsSync(file)).toBe(true);
    expect(readdirSync(join(dir, task.taskUuid)).sort()).toEqual(['base_basic_pbr.glb', 'preview.webp']);
    expect(run.stdout).not.toContain(task.subscriptionKey);
  });

  it('saves every safe file when one list entry is refused, says so, and exits 0 with the warning', async () => {
    const task = sim.addTask({
      jobs: 1,
      queueMs: 0,
      generateMs: 300,
      extraDownloads: [{ name: 'passwd.txt', url: 'file:///etc/passwd' }],
    });
    const dir = join(scratch, 'watch-refused');
    const run = await runCli(['watch', JSON.stringify(task.generationResponse), '--download', dir], { env: env() });
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, task.taskUuid)).sort()).toEqual(['base_basic_pbr.glb', 'preview.webp']);
    expect(run.stdout).toContain('saved 2 file(s)');
    expect(run.stdout).toContain('1 refused: not an https link');
    expect(run.stdout + run.stderr).toMatch(/Warning: .*1 refused: not an https link/);
  });

  it('download --task saves the safe files, reports the refused entry and exits 0', async () => {
    const task = sim.addTask({
      jobs: 1,
      queueMs: 0,
      generateMs: 0,
      extraDownloads: [{ name: 'setup.exe', url: 'https://example.com/setup.exe' }],
    });
    const dir = join(scratch, 'download-refused');
    const run = await runCli(['download', '--task', task.taskUuid, '--out', dir], { env: env() });
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['base_basic_pbr.glb', 'preview.webp']);
    expect(run.stderr).toContain('Refused setup.exe: not a 3D or image file (.exe).');
  });

  it('exits 1 and says so when a task fails', async () => {
    const task = sim.addTask({ label: 'Doomed', jobs: 2, queueMs: 0, generateMs: 500, outcome: 'Failed' });
    const run = await runCli(['watch', '--key', task.subscriptionKey, '--task', task.taskUuid], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/finished: Failed/);
    expect(run.stdout).toMatch(/1 of 1 task did not succeed/);
  });

  it('exits 3 on a rejected key after at most one status call per task', async () => {
    const a = sim.addTask({ queueMs: 600_000 });
    const b = sim.addTask({ queueMs: 600_000 });
    const since = Date.now();
    const run = await runCli(['watch', '--key', a.subscriptionKey, '--key', b.subscriptionKey, '--output', 'json'], {
      env: { ...env(), RODIN_API_KEY: 'wrong-key-abcdefghijklmnop' },
    });
    expect(run.code).toBe(3);
    const rejected = sim.requests().filter((r) => r.path === '/v2/status' && r.at >= since && r.status === 401);
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected.length).toBeLessThanOrEqual(2);
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ event: 'summary', exitCode: 3 });
    expect(run.stdout + run.stderr).not.toContain('wrong-key-abcdefghijklmnop');
  });

  it('exits 2 with a clear message and a pointer to --help on input that holds no task', async () => {
    const run = await runCli(['watch', 'hello world, not a task'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Argument 1.* holds no Rodin task/);
    expect(run.stderr).toContain('--help');
  });

  it.each([
    ['RODIN_BASE_URL', [], { RODIN_BASE_URL: 'http://api.example.com/api' }],
    ['--base-url', ['--base-url', 'http://10.0.0.5/api'], {}],
  ])('exits 2 with a clear message when %s is plain http to another machine', async (name, flags, extra) => {
    const task = sim.addTask();
    const run = await runCli(['status', task.subscriptionKey, ...flags], { env: { ...env(), ...extra } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${name}: The Rodin base URL must use https://`);
    expect(run.stderr).not.toContain(sim.apiKey);
  });

  it('says in words, without markup or the key, that a proxy answered with an HTML page', async () => {
    const task = sim.addTask();
    sim.setFault({ kind: 'html-page' });
    try {
      const run = await runCli(['status', task.subscriptionKey], { env: env() });
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('answered with a web page instead of data');
      expect(run.stdout + run.stderr).not.toMatch(/<html|<body|<!doctype/i);
      expect(run.stdout + run.stderr).not.toContain(sim.apiKey);
    } finally {
      sim.setFault(null);
    }
  });

  it('exits 2 on a duration it cannot read', async () => {
    const task = sim.addTask();
    const run = await runCli(['watch', task.subscriptionKey, '--timeout', 'soon'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--timeout "soon" is not a duration/);
  });

  it('exits 4 when --timeout elapses before the tasks finish', async () => {
    const task = sim.addTask({ queueMs: 600_000 });
    const run = await runCli(['watch', task.subscriptionKey, '--timeout', '2s', '--output', 'json'], { env: env() });
    expect(run.code).toBe(4);
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ event: 'summary', exitCode: 4 });
    // No wall-clock bound here (a loaded machine makes it flaky): runCli kills a run that hangs, failing the test.
  });

  it('exits 4 and says the service was unreachable when nothing answers for the whole --timeout', async () => {
    const task = sim.addTask();
    // Port 1 on loopback: nothing listens there, so every call is refused at once.
    const run = await runCli(['watch', task.subscriptionKey, '--timeout', '4s'], {
      env: { ...env(), RODIN_BASE_URL: 'http://127.0.0.1:1/api' },
    });
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(/stayed unreachable for the whole --timeout \(4s\)/);
  });

  it('runs the demo to completion without any key', async () => {
    const run = await runCli(['demo', '--speed', '10', '--output', 'json'], { timeoutMs: 85_000 });
    expect(run.code).toBe(0);
    const summary = ndjson(run.stdout).at(-1) as { event: string };
    expect(summary.event).toBe('summary');
    expect(summary).toMatchObject({ exitCode: 0, counts: { done: 4, failed: 1 } });
    expect(run.stderr).toMatch(/Downloaded results are in /);
  });
});
