import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DownloadError } from '../../../src/core/download/download-error';
import { downloadTaskResults, type DownloadProgress } from '../../../src/core/download/downloader';
import { createRodinClient } from '../../../src/core/rodin/client';
import type { DownloadItem, RodinClient } from '../../../src/core/rodin/types';
import { startSimulator, type Simulator } from '../../../src/core/sim/simulator';

let root: string;
let folder: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rodin-download-'));
  folder = path.join(root, 'task');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

/** Everything in the temp root, recursively, so files written outside the target folder would show up. */
async function everything(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.map((e) => e.split(path.sep).join('/')).sort();
}

describe('downloadTaskResults against the simulator', () => {
  let sim: Simulator;
  let time: number;
  let client: RodinClient;
  let listCalls: number;
  /** Moves the simulator's clock after each list call, to make the links it just gave out expire. */
  let afterList: () => void;

  beforeEach(async () => {
    time = Date.UTC(2025, 0, 1);
    sim = await startSimulator({ now: () => time, urlTtlMs: 60_000 });
    const real = createRodinClient({ baseUrl: sim.baseUrl, fetch, getApiKey: () => sim.apiKey });
    listCalls = 0;
    afterList = () => {};
    client = {
      ...real,
      downloadList: async (taskUuid, options) => {
        listCalls++;
        const list = await real.downloadList(taskUuid, options);
        afterList();
        return list;
      },
    };
  });

  afterEach(async () => {
    await sim.stop();
  });

  function doneTask() {
    return sim.addTask({ queueMs: 0, generateMs: 0, jobs: 2 });
  }

  it('saves every listed file, whole, and returns the preview', async () => {
    const task = doneTask();
    const progress: DownloadProgress[] = [];
    const result = await downloadTaskResults({
      client,
      fetch,
      taskUuid: task.taskUuid,
      folder,
      onProgress: (p) => progress.push(p),
    });
    expect(result.folder).toBe(folder);
    expect(result.files.map((f) => path.basename(f)).sort()).toEqual(['base_basic_pbr.glb', 'preview.webp']);
    expect(result.previewFile).toBe(path.join(folder, 'preview.webp'));
    const glb = await readFile(path.join(folder, 'base_basic_pbr.glb'));
    expect(glb.subarray(0, 4).toString('latin1')).toBe('glTF');
    const webp = await readFile(path.join(folder, 'preview.webp'));
    expect(webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect(await readdir(folder)).toHaveLength(2);
    // One figure for the whole task: the last report counts every file's bytes.
    expect(progress.at(-1)).toEqual({
      receivedBytes: glb.length + webp.length,
      totalBytes: glb.length + webp.length,
      filesDone: 2,
      fileCount: 2,
    });
    expect(listCalls).toBe(1);
  });

  it('asks once for a fresh list when a link has expired, and then succeeds', async () => {
    const task = doneTask();
    afterList = () => {
      if (listCalls === 1) time += 61_000;
    };
    const result = await downloadTaskResults({ client, fetch, taskUuid: task.taskUuid, folder });
    expect(result.files).toHaveLength(2);
    expect(listCalls).toBe(2);
    // Both files are fetched at once, so both meet their expired link; one fresh list serves them both.
    expect(sim.requests().filter((r) => r.path.startsWith('/files/') && r.status === 403)).toHaveLength(2);
  });

  it('gives up with EXPIRED_URL when the fresh link is refused too, leaving no partial file', async () => {
    const task = doneTask();
    afterList = () => {
      time += 61_000;
    };
    const result = await downloadTaskResults({ client, fetch, taskUuid: task.taskUuid, folder });
    expect(result.failed.map((f) => f.error.code)).toEqual(['EXPIRED_URL', 'EXPIRED_URL']);
    expect(listCalls).toBe(2);
    expect(await readdir(folder)).toEqual([]);
  });

  it('says there is nothing to download while the task is not done', async () => {
    const task = sim.addTask({ queueMs: 60_000 });
    const error = await errorOf(downloadTaskResults({ client, fetch, taskUuid: task.taskUuid, folder }));
    expect(error.code).toBe('EMPTY_LIST');
  });

  it('never overwrites a file already in the folder', async () => {
    const task = doneTask();
    await downloadTaskResults({ client, fetch, taskUuid: task.taskUuid, folder });
    await writeFile(path.join(folder, 'preview.webp'), 'mine');
    const again = await downloadTaskResults({ client, fetch, taskUuid: task.taskUuid, folder });
    expect(again.previewFile).toBe(path.join(folder, 'preview (2).webp'));
    expect(await readFile(path.join(folder, 'preview.webp'), 'utf8')).toBe('mine');
  });
});

type Route = (res: ServerResponse, url: URL) => void;

describe('downloadTaskResults against a hostile or broken file server', () => {
  let server: Server;
  let origin: string;
  const routes = new Map<string, Route>();
  let fetchCalls: string[];
  const countingFetch: typeof fetch = (input, init) => {
    fetchCalls.push(String(input instanceof Request ? input.url : input));
    return fetch(input, init);
  };

  beforeEach(async () => {
    fetchCalls = [];
    routes.clear();
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const route = routes.get(url.pathname);
      if (route) route(res, url);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function serve(pathname: string, body: string) {
    routes.set(pathname, (res) => res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body));
    return `${origin}${pathname}`;
  }

  const listOf = (items: DownloadItem[] | (() => DownloadItem[])) => {
    let calls = 0;
    return {
      calls: () => calls,
      client: {
        baseUrl: `${origin}/api`,
        downloadList: () => {
          calls++;
          return Promise.resolve(typeof items === 'function' ? items() : items);
        },
      },
    };
  };

  it('keeps hostile names inside the target folder', async () => {
    const names = ['../x.glb', '/etc/x.glb', 'C:\\y.glb', 'con.glb', `${'n'.repeat(300)}.glb`];
    const { client } = listOf(names.map((name, i) => ({ name, url: serve(`/f${i}`, `body ${i}`) })));
    const result = await downloadTaskResults({ client, fetch, taskUuid: 't', folder });
    const inFolder = (await readdir(folder)).sort();
    expect(inFolder).toEqual(['x.glb', 'etc_x.glb', 'y.glb', '_con.glb', `${'n'.repeat(196)}.glb`].sort());
    expect(await everything()).toEqual(['task', ...inFolder.map((n) => `task/${n}`)].sort());
    for (const file of result.files) expect(path.dirname(file)).toBe(folder);
    expect(await readFile(path.join(folder, '_con.glb'), 'utf8')).toBe('body 3');
  });

  it('leaves no file behind when the server dies in the middle of a body', async () => {
    routes.set('/dies', (res) => {
      res.writeHead(200, { 'content-length': '100000' });
      res.write(Buffer.alloc(70_000, 1), () => res.destroy());
    });
    const { client } = listOf([
      { name: 'ok.txt', url: serve('/ok', 'fine') },
      { name: 'model.glb', url: `${origin}/dies` },
    ]);
    const progress: DownloadProgress[] = [];
    const result = await downloadTaskResults({
      client,
      fetch,
      taskUuid: 't',
      folder,
      onProgress: (p) => progress.push(p),
    });
    expect(result.failed.map((f) => [f.name, f.error.code])).toEqual([['model.glb', 'INCOMPLETE']]);
    expect(progress.some((p) => p.receivedBytes >= 70_000)).toBe(true);
    expect(await readdir(folder)).toEqual(['ok.txt']);
  });

  it('treats a 400 whose body says the signature expired as an expired link', async () => {
    let fresh = false;
    routes.set('/old', (res) => res.writeHead(400).end('<Error><Message>Signature expired</Message></Error>'));
    const { client, calls } = listOf(() => {
      const url = fresh ? serve('/new', 'new body') : `${origin}/old`;
      fresh = true;
      return [{ name: 'model.glb', url }];
    });
    const result = await downloadTaskResults({ client, fetch, taskUuid: 't', folder });
    expect(calls()).toBe(2);
    expect(await readFile(result.files[0]!, 'utf8')).toBe('new body');
  });

  it('reports other HTTP failures without asking for a new list', async () => {
    routes.set('/boom', (res) => res.writeHead(500).end('<html>oops</html>'));
    const { client, calls } = listOf([{ name: 'model.glb', url: `${origin}/boom` }]);
    const [failure] = (await downloadTaskResults({ client, fetch, taskUuid: 't', folder })).failed;
    expect(failure?.error.code).toBe('HTTP_ERROR');
    expect(failure?.error.message).toBe('Could not download model.glb: the server answered HTTP 500.');
    expect(calls()).toBe(1);
    expect(await readdir(folder)).toEqual([]);
  });

  it.each([
    ['file:///etc/passwd', 'not an https link'],
    ['data:text/plain,hello', 'not an https link'],
    ['http://example.com/model.glb', 'plain http to another computer'],
    ['ftp://example.com/model.glb', 'not an https link'],
    ['https://user:pw@example.com/model.glb', 'the link carries a user name or password'],
    ['not a url', 'not a valid link'],
  ])('refuses %s, never fetches it, and still saves the good file', async (url, reason) => {
    const { client } = listOf([
      { name: 'ok.txt', url: serve('/ok', 'fine') },
      { name: 'model.glb', url },
    ]);
    const result = await downloadTaskResults({ client, fetch: countingFetch, taskUuid: 't', folder });
    expect(result.refused).toEqual([{ name: 'model.glb', reason }]);
    expect(JSON.stringify(result.refused)).not.toContain('passwd');
    expect(result.failed).toEqual([]);
    expect(fetchCalls).toEqual([`${origin}/ok`]);
    expect(await readdir(folder)).toEqual(['ok.txt']);
  });

  it('follows a redirect only to an allowed address', async () => {
    serve('/target', 'redirected body');
    routes.set('/hop', (res) => res.writeHead(302, { location: '/target' }).end());
    routes.set('/escape', (res) => res.writeHead(302, { location: 'http://example.com/x' }).end());
    const good = listOf([{ name: 'a.glb', url: `${origin}/hop` }]);
    const result = await downloadTaskResults({ client: good.client, fetch, taskUuid: 't', folder });
    expect(await readFile(result.files[0]!, 'utf8')).toBe('redirected body');

    const bad = listOf([{ name: 'b.glb', url: `${origin}/escape` }]);
    const result2 = await downloadTaskResults({ client: bad.client, fetch: countingFetch, taskUuid: 't', folder });
    expect(result2.failed.map((f) => f.error.code)).toEqual(['UNSAFE_URL']);
    expect(fetchCalls).toEqual([`${origin}/escape`]);
  });

  it('stops with ABORTED and no partial file when cancelled mid-body', async () => {
    const controller = new AbortController();
    routes.set('/slow', (res) => {
      res.writeHead(200, { 'content-length': '200000' });
      res.write(Buffer.alloc(1000, 2), () => controller.abort());
    });
    const { client } = listOf([{ name: 'slow.glb', url: `${origin}/slow` }]);
    const error = await errorOf(
      downloadTaskResults({ client, fetch, taskUuid: 't', folder, signal: controller.signal }),
    );
    expect(error.code).toBe('ABORTED');
    expect(await readdir(folder)).toEqual([]);
  });
});
