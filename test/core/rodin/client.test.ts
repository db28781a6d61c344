import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bodyErrorCode, createRodinClient, parseRetryAfter } from '../../../src/core/rodin/client';
import {
  AuthError,
  ProtocolError,
  RateLimitedError,
  ServiceError,
  TransientError,
  UsageError,
} from '../../../src/core/rodin/errors';
import { LEGACY_BASE_URL, type RodinClient } from '../../../src/core/rodin/types';
import { startSimulator, type Simulator } from '../../../src/core/sim/simulator';
import { caught } from '../../support/caught';

let sim: Simulator;
let time: number;
let client: RodinClient;

const makeClient = (overrides: Partial<Parameters<typeof createRodinClient>[0]> = {}) =>
  createRodinClient({ baseUrl: sim.baseUrl, fetch: globalThis.fetch, getApiKey: () => sim.apiKey, ...overrides });

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeEach(async () => {
  time = 1_700_000_000_000;
  sim = await startSimulator({ now: () => time });
  client = makeClient();
});

afterEach(async () => {
  await sim.stop();
});

describe('RodinClient against the simulator', () => {
  it('reads job statuses with queue lengths as the task moves from Waiting to Done', async () => {
    const task = sim.addTask({ jobs: 2, queueMs: 1_000, queueLength: 4, generateMs: 2_000 });
    expect((await client.status(task.subscriptionKey)).jobs).toEqual([
      { uuid: task.jobUuids[0], status: 'Waiting', queueLength: 4 },
      { uuid: task.jobUuids[1], status: 'Waiting', queueLength: 4 },
    ]);
    time += 1_500;
    expect((await client.status(task.subscriptionKey)).jobs.map((j) => j.status)).toEqual(['Generating', 'Generating']);
    time += 1_000;
    expect((await client.status(task.subscriptionKey)).jobs.map((j) => j.status)).toEqual(['Done', 'Generating']);
    time += 1_000;
    expect((await client.status(task.subscriptionKey)).jobs).toEqual([
      { uuid: task.jobUuids[0], status: 'Done' },
      { uuid: task.jobUuids[1], status: 'Done' },
    ]);
  });

  it('sends the bearer key and asks for JSON', async () => {
    const seen: Headers[] = [];
    const recording = makeClient({
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers));
        return globalThis.fetch(input, init);
      },
    });
    await recording.checkBalance();
    expect(seen[0]?.get('authorization')).toBe(`Bearer ${sim.apiKey}`);
    expect(seen[0]?.get('accept')).toBe('application/json');
  });

  it('keeps an unknown job status verbatim and Canceled as sent', async () => {
    const odd = sim.addTask({ jobs: 2, queueMs: 0, generateMs: 0, outcome: 'Suspended' });
    const canceled = sim.addTask({ jobs: 1, queueMs: 0, generateMs: 0, outcome: 'Canceled' });
    expect((await client.status(odd.subscriptionKey)).jobs.map((j) => j.status)).toEqual(['Done', 'Suspended']);
    expect((await client.status(canceled.subscriptionKey)).jobs.map((j) => j.status)).toEqual(['Canceled']);
  });

  it('lists the result files of a finished task, including preview.webp', async () => {
    const task = sim.addTask({ queueMs: 0, generateMs: 0 });
    const list = await client.downloadList(task.taskUuid);
    expect(list.map((i) => i.name).sort()).toEqual(['base_basic_pbr.glb', 'preview.webp']);
    for (const item of list) expect(item.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
  });

  it('fails with NO_SUCH_TASK when asked to download by a job uuid', async () => {
    const task = sim.addTask({ queueMs: 0, generateMs: 0 });
    const error = await caught(client.downloadList(task.jobUuids[0]!));
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('NO_SUCH_TASK');
  });

  it('reads a fractional balance', async () => {
    sim.setBalance(212.5);
    expect(await client.checkBalance()).toBe(212.5);
  });

  it('works with a base URL given with a trailing slash', async () => {
    const task = sim.addTask({ queueMs: 0, generateMs: 0, jobs: 1 });
    const slashed = makeClient({ baseUrl: `${sim.baseUrl}/` });
    expect(slashed.baseUrl).toBe(sim.baseUrl);
    expect((await slashed.status(task.subscriptionKey)).jobs).toHaveLength(1);
  });

  it('talks to the legacy base URL path (/api/v2/…) like the current one', async () => {
    const task = sim.addTask({ queueMs: 0, generateMs: 0, jobs: 1 });
    const requested: string[] = [];
    const origin = new URL(sim.baseUrl).origin;
    // Forwards to the simulator for real, after noting where the client meant to go.
    const legacy = makeClient({
      baseUrl: LEGACY_BASE_URL,
      fetch: (input, init) => {
        const url = input instanceof Request ? input.url : input.toString();
        requested.push(url);
        return globalThis.fetch(url.replace('https://hyperhuman.deemos.com', origin), init);
      },
    });
    expect((await legacy.status(task.subscriptionKey)).jobs[0]?.status).toBe('Done');
    expect(requested).toEqual(['https://hyperhuman.deemos.com/api/v2/status']);
  });

  it('refuses plain http to a non-loopback host before any request', () => {
    expect(() => makeClient({ baseUrl: 'http://api.hyper3d.com/api' })).toThrow(UsageError);
  });
});

describe('RodinClient failures', () => {
  it('fails with AuthError and calls nothing when no key is set', async () => {
    const keyless = makeClient({ getApiKey: () => undefined });
    expect(await caught(keyless.checkBalance())).toBeInstanceOf(AuthError);
    expect(await caught(makeClient({ getApiKey: () => '  ' }).checkBalance())).toBeInstanceOf(AuthError);
    expect(sim.requests()).toHaveLength(0);
  });

  it('maps a wrong key (HTTP 401) to AuthError', async () => {
    const wrong = makeClient({ getApiKey: () => 'not-the-key' });
    expect(await caught(wrong.checkBalance())).toBeInstanceOf(AuthError);
    expect(sim.requests()[0]?.status).toBe(401);
  });

  it('maps an UNAUTHORIZED code in a 201 body to AuthError', async () => {
    sim.setFault({ kind: 'error-in-201', code: 'UNAUTHORIZED' });
    expect(await caught(client.status('eyJa.b.c'))).toBeInstanceOf(AuthError);
  });

  it('treats a 201 carrying an error code as a failure, without the API_ prefix', async () => {
    const task = sim.addTask();
    sim.setFault({ kind: 'error-in-201', code: 'API_INSUFFICIENT_FUND' });
    const error = await caught(client.status(task.subscriptionKey));
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe('INSUFFICIENT_FUND');
  });

  it('counts only a real error code as failure (absent, null, empty and OK are success)', () => {
    for (const value of [undefined, null, '', 'OK', 'ok', false]) expect(bodyErrorCode(value)).toBeUndefined();
    expect(bodyErrorCode('API_NO_SUCH_TASK')).toBe('NO_SUCH_TASK');
    expect(bodyErrorCode({ nested: true })).toBe('UNKNOWN');
  });

  it('reads Retry-After given in seconds', async () => {
    sim.setFault({ kind: 'rate-limited', retryAfterSeconds: 7 });
    const error = await caught(client.checkBalance());
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7_000);
  });

  it('reads Retry-After given as an HTTP date, relative to the server clock', async () => {
    sim.setFault({ kind: 'rate-limited', retryAfterHeader: new Date(Date.now() + 120_000).toUTCString() });
    const error = (await caught(client.checkBalance())) as RateLimitedError;
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(115_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(122_000);
  });

  it('waits 30 s when Retry-After is missing or unreadable', async () => {
    sim.setFault({ kind: 'rate-limited', retryAfterHeader: null, times: 1 });
    expect(((await caught(client.checkBalance())) as RateLimitedError).retryAfterMs).toBe(30_000);
    sim.setFault({ kind: 'rate-limited', retryAfterHeader: 'soon', times: 1 });
    expect(((await caught(client.checkBalance())) as RateLimitedError).retryAfterMs).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:30 GMT'))).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 08:00:00 GMT'))).toBe(0);
  });

  it('maps a 500 with an HTML page to a transient error that never quotes the page', async () => {
    sim.setFault({ kind: 'server-error-html' });
    const error = (await caught(client.checkBalance())) as TransientError;
    expect(error).toBeInstanceOf(TransientError);
    expect(error.code).toBe('HTTP_5XX');
    expect(error.message).not.toMatch(/<|nginx|Internal Server Error/);
  });

  it('maps an HTML page with a 2xx status (a proxy or portal) to HTML_RESPONSE', async () => {
    sim.setFault({ kind: 'html-page', status: 200 });
    const error = (await caught(client.checkBalance())) as TransientError;
    expect(error.code).toBe('HTML_RESPONSE');
    expect(error.message).not.toMatch(/<|Wi-Fi/);
  });

  it('maps malformed JSON in a 2xx to ProtocolError', async () => {
    sim.setFault({ kind: 'malformed-json' });
    expect(await caught(client.status(sim.addTask().subscriptionKey))).toBeInstanceOf(ProtocolError);
  });

  it('maps a 2xx of the wrong shape to ProtocolError naming the field, not its value', async () => {
    sim.setFault({ kind: 'wrong-shape' });
    const error = await caught(client.status(sim.addTask().subscriptionKey));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toContain('jobs');
    expect((error as Error).message).not.toContain('not a list');
  });

  it.each([
    ['status', (c: RodinClient) => c.status(sim.addTask().subscriptionKey)],
    ['balance', (c: RodinClient) => c.checkBalance()],
    ['download list', (c: RodinClient) => c.downloadList(sim.addTask().taskUuid)],
  ])('stops reading an endless %s answer at 1 MiB with a clear error, memory flat', async (_name, call) => {
    sim.setFault({ kind: 'endless-body', times: 1, paths: ['/v2/'] });
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    const error = await caught(call(makeClient({ timeoutMs: 10_000 })));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toMatch(/with more than 1 MiB; the answer was not read\.$/);
    // What was read is at most the cap; an unbounded read would have grown by far more in the same time.
    expect(used() - before).toBeLessThan(32 * 1024 * 1024);
  });

  it('strips control characters from statuses, uuids, file names and messages the service sends', async () => {
    const hostile = 'Done\u001b]0;pwned\u0007\u202e\u009b2J';
    const task = sim.addTask({
      jobs: 1,
      queueMs: 0,
      generateMs: 0,
      outcome: hostile,
    });
    time += 1_000;
    const { jobs } = await client.status(task.subscriptionKey);
    expect(jobs[0]?.status).toBe('Done]0;pwned2J');
    sim.setFault({ kind: 'error-in-201', code: 'INVALID_REQUEST', message: 'bad\u001b[2J\r\nFAKE: ok', times: 1 });
    const error = (await caught(client.checkBalance())) as Error;
    expect(error.message).toBe('INVALID_REQUEST: bad[2J FAKE: ok');
    const done = sim.addTask({
      jobs: 1,
      queueMs: 0,
      generateMs: 0,
      extraDownloads: [{ name: 'a\u001b[31m.glb', url: 'https://example.com/a.glb' }],
    });
    time += 1_000;
    const list = await client.downloadList(done.taskUuid);
    expect(list.map((item) => item.name)).toContain('a[31m.glb');
  });

  it('gives up after timeoutMs on a slow answer with TIMEOUT', async () => {
    sim.setFault({ kind: 'slow', delayMs: 5_000 });
    const started = Date.now();
    const error = (await caught(makeClient({ timeoutMs: 150 }).checkBalance())) as TransientError;
    expect(error).toBeInstanceOf(TransientError);
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('passes a caller abort through as an abort, not as a Rodin failure', async () => {
    sim.setFault({ kind: 'slow', delayMs: 5_000 });
    const controller = new AbortController();
    const pending = caught(client.checkBalance({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const error = (await pending) as Error;
    expect(error.name).toBe('AbortError');
  });

  it('maps a refused connection to NETWORK', async () => {
    const port = await closedPort();
    const error = (await caught(
      makeClient({ baseUrl: `http://127.0.0.1:${port}/api` }).checkBalance(),
    )) as TransientError;
    expect(error).toBeInstanceOf(TransientError);
    expect(error.code).toBe('NETWORK');
  });

  it('maps an unexpected 4xx without an error code to HTTP_OTHER', async () => {
    const origin = new URL(sim.baseUrl).origin;
    const error = (await caught(makeClient({ baseUrl: `${origin}/elsewhere` }).checkBalance())) as TransientError;
    expect(error.code).toBe('HTTP_OTHER');
  });

  it('clears a fault after it was used `times` times', async () => {
    sim.setFault({ kind: 'server-error-html', times: 1 });
    await caught(client.checkBalance());
    expect(await client.checkBalance()).toBe(212.5);
  });
});

describe('a redirecting API', () => {
  it('is not followed, so the bearer key never reaches the place it points to', async () => {
    const seen: { path: string; authorization?: string }[] = [];
    const server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      if (req.url?.startsWith('/api/')) res.writeHead(302, { location: '/elsewhere' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":null,"jobs":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const redirecting = createRodinClient({
        baseUrl: `http://127.0.0.1:${port}/api`,
        fetch: globalThis.fetch,
        getApiKey: () => 'sk-redirect-test-key',
      });
      const error = await caught(redirecting.status('subscription-key'));
      expect(error).toBeInstanceOf(TransientError);
      expect((error as Error).message).toMatch(/redirect/);
      expect((error as Error).message).not.toContain('sk-redirect-test-key');
      expect(seen.map((s) => s.path)).toEqual(['/api/v2/status']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
