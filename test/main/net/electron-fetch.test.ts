// The core's fetch under Electron's documented net semantics (the shared fake follows Electron's docs, over real
// HTTP to 127.0.0.1): downloads still follow checked redirects, API calls never follow any.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadTaskResults } from '../../../src/core/download/downloader';
import { createRodinClient } from '../../../src/core/rodin/client';
import { startSimulator, type Simulator } from '../../../src/core/sim/simulator';
import { createElectronFetch, type NetLike } from '../../../src/main/net/electron-fetch';
import { createFakeElectron, fakeState } from '../electron-fake';

const { net } = createFakeElectron();
const electronFetch = createElectronFetch(net as unknown as NetLike);

let server: Server;
let origin: string;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/hop') res.writeHead(302, { location: '/target', 'x-hop': 'one' }).end();
    else if (req.url === '/target') res.writeHead(200, { 'content-type': 'text/plain' }).end('arrived');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  hits.length = 0;
});

describe("the fake's net.fetch, as Electron documents it", () => {
  it('rejects redirect: \'manual\' with "Redirect was cancelled" (electron/electron#43715)', async () => {
    await expect(net.fetch(`${origin}/hop`, { redirect: 'manual' })).rejects.toThrow('Redirect was cancelled');
  });

  it('reads file: URLs and reports an empty Response.url', async () => {
    const response = await net.fetch(new URL('../electron-fake.ts', import.meta.url).href);
    expect(await response.text()).toContain('createFakeElectron');
    const followed = await net.fetch(`${origin}/hop`);
    expect(await followed.text()).toBe('arrived');
    expect(followed.url).toBe('');
  });
});

describe('createElectronFetch', () => {
  it("returns the 3xx for redirect: 'manual' without connecting to where it points", async () => {
    const response = await electronFetch(`${origin}/hop`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${origin}/target`);
    expect(response.headers.get('x-hop')).toBe('one');
    expect(hits).toEqual(['/hop']);
  });

  it("fails redirect: 'error' on a redirect, without a request to its target", async () => {
    await expect(electronFetch(`${origin}/hop`, { redirect: 'error' })).rejects.toThrow(/redirect/);
    expect(hits).toEqual(['/hop']);
  });

  it('refuses file:, data: and our own app:// pages, which net.fetch would serve', async () => {
    for (const url of ['file:///etc/passwd', 'app://rodin/index.html', 'data:text/plain,x']) {
      await expect(electronFetch(url)).rejects.toThrow(/Refused to fetch/);
    }
  });

  it('stops a manual request when its signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      electronFetch(`${origin}/target`, { redirect: 'manual', signal: controller.signal }),
    ).rejects.toThrow();
  });
});

describe('downloads and API calls on the Electron fetch', () => {
  let sim: Simulator;
  let folder: string;

  beforeEach(async () => {
    sim = await startSimulator({ redirectDownloads: true });
    folder = await mkdtemp(join(tmpdir(), 'rodin-electron-fetch-'));
  });

  afterEach(async () => {
    await sim.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('downloads every file of a task whose links redirect, each hop through net.request', async () => {
    const task = sim.addTask({ queueMs: 0, generateMs: 0, jobs: 1 });
    const client = createRodinClient({ baseUrl: sim.baseUrl, fetch: electronFetch, getApiKey: () => sim.apiKey });
    fakeState.requests.length = 0;
    const result = await downloadTaskResults({ client, fetch: electronFetch, taskUuid: task.taskUuid, folder });
    expect(result.files.length).toBeGreaterThan(0);
    for (const file of result.files) expect((await readFile(file)).length).toBeGreaterThan(0);
    expect(fakeState.requests.some((url) => url.includes('/redirect/files/'))).toBe(true);
    expect(fakeState.requests.some((url) => url.includes('/files/') && !url.includes('/redirect/'))).toBe(true);
  });

  it('fails the same download on plain net.fetch, which cannot hand back a redirect', async () => {
    const task = sim.addTask({ queueMs: 0, generateMs: 0, jobs: 1 });
    const plain = (input: string | URL | Request, init?: RequestInit) =>
      net.fetch(input instanceof URL ? input.href : input, init);
    const client = createRodinClient({ baseUrl: sim.baseUrl, fetch: plain, getApiKey: () => sim.apiKey });
    // Each entry is judged on its own (issue 8): every file fails, none is saved.
    const result = await downloadTaskResults({ client, fetch: plain, taskUuid: task.taskUuid, folder });
    expect(result.files).toEqual([]);
    expect(result.failed.length).toBeGreaterThan(0);
    expect(result.failed.every((entry) => entry.error.code === 'NETWORK')).toBe(true);
  });
});
