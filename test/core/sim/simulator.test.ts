import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTinyWebp } from '../../../src/core/sim/sample-files';
import { buildSampleModelGlb } from '../../../src/core/sim/sample-model';
import { scenarioScripts } from '../../../src/core/sim/scenarios';
import { jobsAt } from '../../../src/core/sim/sim-task';
import { startSimulator, type Simulator } from '../../../src/core/sim/simulator';
import { deriveTaskState } from '../../../src/core/tasks/task';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/;

let sim: Simulator;
let time: number;

/** A generation request as Rodin's clients send it: multipart, with the key. */
function postGeneration(form: FormData): Promise<Response> {
  return fetch(`${sim.baseUrl}/v2/rodin`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sim.apiKey}` },
    body: form,
  });
}

async function api(path: string, body?: unknown, key: string | null = sim.apiKey) {
  const response = await fetch(`${sim.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

beforeEach(async () => {
  time = 1_700_000_000_000;
  sim = await startSimulator({ now: () => time, urlTtlMs: 60_000 });
});

afterEach(async () => {
  await sim.stop();
});

describe('simulator API', () => {
  it('listens on 127.0.0.1 with an /api base and the documented default key', () => {
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(sim.apiKey).toBe('sim-key-0123456789abcdef');
  });

  it('rejects a missing or wrong bearer key with the real 401 body', async () => {
    for (const key of [null, 'wrong']) {
      const { status, text } = await api('/v2/check_balance', undefined, key);
      expect(status).toBe(401);
      expect(JSON.parse(text)).toEqual({ error: 'UNAUTHORIZED', message: 'Active API key is required.' });
    }
  });

  it('issues UUID task and job ids and a JWT-shaped subscription key', () => {
    const task = sim.addTask({ jobs: 3, label: 'Chair' });
    expect(task.taskUuid).toMatch(UUID);
    expect(task.jobUuids).toHaveLength(3);
    for (const job of task.jobUuids) expect(job).toMatch(UUID);
    expect(task.subscriptionKey).toMatch(JWT);
    expect(task.generationResponse).toMatchObject({
      uuid: task.taskUuid,
      jobs: { uuids: task.jobUuids, subscription_key: task.subscriptionKey },
      message: 'Submitted.',
      prompt: 'Chair',
    });
  });

  it('moves jobs from Waiting (queue counting down) through Generating to the outcome, by now()', async () => {
    const task = sim.addTask({ jobs: 2, queueMs: 1_000, queueLength: 3, generateMs: 1_000, outcome: 'Failed' });
    const statuses = async () => {
      const { status, text } = await api('/v2/status', { subscription_key: task.subscriptionKey });
      expect(status).toBe(201);
      return (JSON.parse(text) as { jobs: { status: string; queue_length?: number }[] }).jobs;
    };
    expect((await statuses()).map((j) => j.queue_length)).toEqual([3, 3]);
    time += 700;
    expect((await statuses()).map((j) => j.queue_length)).toEqual([1, 1]);
    time += 300;
    expect((await statuses()).map((j) => j.status)).toEqual(['Generating', 'Generating']);
    time += 500;
    expect((await statuses()).map((j) => j.status)).toEqual(['Done', 'Generating']);
    time += 500;
    expect((await statuses()).map((j) => j.status)).toEqual(['Done', 'Failed']);
  });

  it('answers NO_SUCH_TASK in a 201 for an unknown subscription key or a job uuid given as task', async () => {
    const task = sim.addTask();
    const unknownKey = await api('/v2/status', { subscription_key: 'eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln' });
    expect(unknownKey.status).toBe(201);
    expect(JSON.parse(unknownKey.text)).toMatchObject({ error: 'NO_SUCH_TASK' });
    const byJob = await api('/v2/download', { task_uuid: task.jobUuids[0] });
    expect(byJob.status).toBe(201);
    expect(JSON.parse(byJob.text)).toMatchObject({ error: 'NO_SUCH_TASK' });
  });

  it('lists no files before the task is done, then a real GLB and WebP under signed URLs', async () => {
    const task = sim.addTask({ queueMs: 0, generateMs: 1_000 });
    const early = JSON.parse((await api('/v2/download', { task_uuid: task.taskUuid })).text) as { list: unknown[] };
    expect(early.list).toEqual([]);
    time += 1_000;
    const { list } = JSON.parse((await api('/v2/download', { task_uuid: task.taskUuid })).text) as {
      list: { url: string; name: string }[];
    };
    const byName = Object.fromEntries(list.map((i) => [i.name, i.url]));
    expect(Object.keys(byName).sort()).toEqual(['base_basic_pbr.glb', 'preview.webp']);
    expect(byName['preview.webp']).toMatch(/X-Amz-Signature=[0-9a-f]{64}/);

    const glb = await fetch(byName['base_basic_pbr.glb']!);
    expect(glb.status).toBe(200);
    expect(glb.headers.get('content-type')).toBe('model/gltf-binary');
    expect(Buffer.from(await glb.arrayBuffer()).equals(Buffer.from(buildSampleModelGlb()))).toBe(true);
    const webp = await fetch(byName['preview.webp']!);
    expect(webp.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await webp.arrayBuffer()).equals(Buffer.from(buildTinyWebp()))).toBe(true);
  });

  it('refuses a file URL once it has expired, with a 403 saying so', async () => {
    const task = sim.addTask({ queueMs: 0, generateMs: 0 });
    const { list } = JSON.parse((await api('/v2/download', { task_uuid: task.taskUuid })).text) as {
      list: { url: string }[];
    };
    time += 60_000;
    const expired = await fetch(list[0]!.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });

  it('refuses a file URL whose signature was tampered with', async () => {
    const task = sim.addTask({ queueMs: 0, generateMs: 0 });
    const { list } = JSON.parse((await api('/v2/download', { task_uuid: task.taskUuid })).text) as {
      list: { url: string }[];
    };
    const url = new URL(list[0]!.url);
    url.searchParams.set('Expires', String(time + 10 * 365 * 86_400_000));
    expect((await fetch(url)).status).toBe(403);
  });

  it('accepts a multipart generation and answers 201 with the real response shape', async () => {
    const form = new FormData();
    form.append('prompt', 'a brass lantern');
    form.append('tier', 'Regular');
    form.append('addons', '["HighPack"]');
    const response = await postGeneration(form);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { uuid: string; jobs: { uuids: string[]; subscription_key: string } };
    expect(body).toMatchObject({ message: 'Submitted.', prompt: 'a brass lantern' });
    expect(body.uuid).toMatch(UUID);
    expect(body.jobs.subscription_key).toMatch(JWT);
    expect(sim.tasks().map((t) => t.taskUuid)).toContain(body.uuid);
    expect(sim.balance()).toBe(211);
  });

  it('rejects a generation with neither prompt nor images, or with an array field that is not JSON', async () => {
    for (const fields of [{ tier: 'Sketch' }, { prompt: 'x', addons: 'HighPack' }] as Record<string, string>[]) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      const response = await postGeneration(form);
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ error: 'INVALID_REQUEST' });
    }
  });

  it('answers PARALLELISM_LIMIT_REACHED while too many submitted generations run, and charges nothing for it', async () => {
    await sim.stop();
    sim = await startSimulator({ now: () => time, parallelismLimit: 1 });
    sim.setGenerationScript({ queueMs: 1_000, generateMs: 1_000 });
    const submit = async () => {
      const form = new FormData();
      form.append('prompt', 'a lamp');
      const response = await postGeneration(form);
      return (await response.json()) as { error?: string };
    };
    expect((await submit()).error).toBeUndefined();
    expect(await submit()).toMatchObject({ error: 'PARALLELISM_LIMIT_REACHED' });
    expect(sim.balance()).toBe(212);
    time += 2_000; // the first one has finished
    expect((await submit()).error).toBeUndefined();
  });

  it('makes a submitted generation progress by the generation script, labelled by its prompt', async () => {
    sim.setGenerationScript({ jobs: 2, queueMs: 1_000, queueLength: 3, generateMs: 2_000, outcome: 'Failed' });
    const form = new FormData();
    form.append('prompt', 'a copper kettle');
    form.append('tier', 'Gen-2');
    await postGeneration(form);
    const [task] = sim.tasks();
    expect(task).toMatchObject({ label: 'a copper kettle', tier: 'Gen-2' });
    expect(jobsAt(task!, time).map((j) => j.status)).toEqual(['Waiting', 'Waiting']);
    expect(deriveTaskState(jobsAt(task!, time + 3_500))).toBe('failed');
  });

  it('refuses an image part that is not PNG, JPEG or WebP', async () => {
    const form = new FormData();
    form.append('images', new Blob(['GIF89a'], { type: 'image/gif' }), 'a.gif');
    const response = await postGeneration(form);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ error: 'INVALID_REQUEST' });
    expect(sim.tasks()).toHaveLength(0);
  });

  it('logs each request with its path, time and status', async () => {
    await api('/v2/check_balance');
    time += 5;
    await api('/v2/check_balance', undefined, 'nope');
    expect(sim.requests()).toEqual([
      { path: '/v2/check_balance', at: 1_700_000_000_000, status: 200 },
      { path: '/v2/check_balance', at: 1_700_000_000_005, status: 401 },
    ]);
  });
});

describe('simulator faults', () => {
  it('applies a fault only to the given paths and only `times` times', async () => {
    sim.setFault({ kind: 'unauthorized', paths: ['/v2/status'], times: 2 });
    expect((await api('/v2/check_balance')).status).toBe(200);
    const key = sim.addTask().subscriptionKey;
    expect((await api('/v2/status', { subscription_key: key })).status).toBe(401);
    expect((await api('/v2/status', { subscription_key: key })).status).toBe(401);
    expect((await api('/v2/status', { subscription_key: key })).status).toBe(201);
  });

  it('sends 429 with Retry-After, and an HTML 500', async () => {
    sim.setFault({ kind: 'rate-limited', retryAfterSeconds: 12, times: 1 });
    const limited = await api('/v2/check_balance');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('12');
    sim.setFault({ kind: 'server-error-html', times: 1 });
    const broken = await api('/v2/check_balance');
    expect(broken.status).toBe(500);
    expect(broken.headers.get('content-type')).toMatch(/text\/html/);
    expect(broken.text).toMatch(/^<html>/);
  });

  it('sends malformed JSON and error-in-201 bodies', async () => {
    sim.setFault({ kind: 'malformed-json', times: 1 });
    const malformed = await api('/v2/status', { subscription_key: sim.addTask().subscriptionKey });
    expect(malformed.status).toBe(201);
    expect(() => JSON.parse(malformed.text) as unknown).toThrow();
    sim.setFault({ kind: 'error-in-201', code: 'API_PARALLELISM_LIMIT_REACHED', times: 1 });
    const refused = await api('/v2/check_balance');
    expect(refused.status).toBe(201);
    expect(JSON.parse(refused.text)).toMatchObject({ error: 'API_PARALLELISM_LIMIT_REACHED' });
  });

  it('delays a slow answer, and stop() does not wait for it', async () => {
    sim.setFault({ kind: 'slow', delayMs: 300, times: 1 });
    const started = Date.now();
    expect((await api('/v2/check_balance')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    sim.setFault({ kind: 'slow', delayMs: 60_000 });
    const pending = api('/v2/check_balance').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopping = Date.now();
    await sim.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000);
    await pending;
    sim = await startSimulator(); // afterEach stops this one
  });
});

describe('scenarios', () => {
  it('demo: about five varied tasks, all finished within 20–60 s, exactly one failing', () => {
    const scripts = scenarioScripts('demo');
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    expect(scripts.length).toBeLessThanOrEqual(6);
    const ends = scripts.map((s) => (s.queueMs ?? 0) + (s.generateMs ?? 0));
    for (const end of ends) {
      expect(end).toBeGreaterThanOrEqual(20_000);
      expect(end).toBeLessThanOrEqual(60_000);
    }
    expect(scripts.filter((s) => s.outcome === 'Failed')).toHaveLength(1);
  });

  it('demo tasks are served from the start and settle into their outcomes by 60 s', async () => {
    const demo = await startSimulator({ scenario: 'demo', now: () => time });
    try {
      const tasks = demo.tasks();
      expect(tasks.length).toBe(5);
      const states = tasks.map((t) => deriveTaskState(jobsAt(t, time + 60_000).map((j) => ({ ...j }))));
      expect(states.filter((s) => s === 'done')).toHaveLength(4);
      expect(states.filter((s) => s === 'failed')).toHaveLength(1);
    } finally {
      await demo.stop();
    }
  });

  it('mixed holds a canceled task, an unknown status, and one already finished; empty holds none', async () => {
    const states = scenarioScripts('mixed').map((s) => s.outcome ?? 'Done');
    expect(states).toContain('Canceled');
    expect(states.some((s) => !['Done', 'Failed', 'Canceled'].includes(s))).toBe(true);
    expect(scenarioScripts('mixed').some((s) => s.queueMs === 0 && s.generateMs === 0)).toBe(true);
    const empty = await startSimulator({ scenario: 'empty' });
    try {
      expect(empty.tasks()).toEqual([]);
    } finally {
      await empty.stop();
    }
  });
});
