import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LIST_ENTRIES } from '../../../src/core/download/download-plan';
import { downloadTaskResults, type DownloadProgress } from '../../../src/core/download/downloader';
import type { DownloadItem } from '../../../src/core/rodin/types';

// Each list entry judged on its own, the size bounds enforced while streaming, and files fetched a few at a time.

let root: string;
let folder: string;
let server: Server;
let origin: string;
let inFlight: number;
let maxInFlight: number;
const routes = new Map<string, (res: ServerResponse) => void>();

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rodin-judged-'));
  folder = path.join(root, 'task');
  routes.clear();
  inFlight = 0;
  maxInFlight = 0;
  server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const route = routes.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (route) route(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

function serve(pathname: string, body: string | Buffer, delayMs = 0): string {
  routes.set(pathname, (res) => {
    const send = () => res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
    if (delayMs) setTimeout(send, delayMs);
    else send();
  });
  return `${origin}${pathname}`;
}

/** A body with no Content-Length that keeps coming: only counting what arrives can stop it. */
function serveEndless(pathname: string): string {
  routes.set(pathname, (res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(16 * 1024, 7);
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  return `${origin}${pathname}`;
}

function client(items: DownloadItem[], baseUrl = `${origin}/api`) {
  return { baseUrl, downloadList: () => Promise.resolve(items) };
}

describe('each download-list entry is judged on its own', () => {
  it('saves model.glb although another entry is a file: link (which is reported, never fetched)', async () => {
    const result = await downloadTaskResults({
      client: client([
        { name: 'passwd.txt', url: 'file:///etc/passwd' },
        { name: 'model.glb', url: serve('/model', 'glTF…') },
      ]),
      fetch,
      taskUuid: 't',
      folder,
    });
    expect(await readdir(folder)).toEqual(['model.glb']);
    expect(result.refused).toEqual([{ name: 'passwd.txt', reason: 'not an https link' }]);
    expect(result.failed).toEqual([]);
  });

  it('refuses plain http, even to this machine, when the API itself is https', async () => {
    const result = await downloadTaskResults({
      client: client([{ name: 'model.glb', url: serve('/model', 'x') }], 'https://api.hyper3d.com/api'),
      fetch,
      taskUuid: 't',
      folder,
    });
    expect(result.refused).toEqual([{ name: 'model.glb', reason: 'not an https link' }]);
    expect(result.files).toEqual([]);
  });

  it('refuses a nameless entry, a duplicate and a file type that is not a result, saving the rest', async () => {
    const result = await downloadTaskResults({
      client: client([
        { name: '../..', url: serve('/a', 'a') },
        { name: 'model.glb', url: serve('/b', 'first') },
        { name: 'MODEL.glb', url: serve('/c', 'second') },
        { name: 'setup.exe', url: serve('/d', 'MZ') },
        { name: 'run.desktop', url: serve('/e', '[Desktop Entry]') },
        { name: 'texture.png', url: serve('/f', 'png') },
      ]),
      fetch,
      taskUuid: 't',
      folder,
    });
    expect((await readdir(folder)).sort()).toEqual(['model.glb', 'texture.png']);
    expect(await readFile(path.join(folder, 'model.glb'), 'utf8')).toBe('first');
    expect(result.refused).toEqual([
      { name: '(no name)', reason: 'no usable file name' },
      { name: 'MODEL.glb', reason: 'listed twice' },
      { name: 'setup.exe', reason: 'not a 3D or image file (.exe)' },
      { name: 'run.desktop', reason: 'not a 3D or image file (.desktop)' },
    ]);
  });

  it(`fetches at most ${MAX_LIST_ENTRIES} entries and refuses the rest, saying why`, async () => {
    const url = serve('/small', 'x');
    const items = Array.from({ length: MAX_LIST_ENTRIES + 5 }, (_, i) => ({ name: `part-${i}.bin`, url }));
    const result = await downloadTaskResults({ client: client(items), fetch, taskUuid: 't', folder });
    expect(result.files).toHaveLength(MAX_LIST_ENTRIES);
    expect(result.refused).toHaveLength(5);
    expect(result.refused[0]).toEqual({ name: `part-${MAX_LIST_ENTRIES}.bin`, reason: 'over the 100-file limit' });
  });
});

describe('download bounds, enforced while streaming', () => {
  it('stops a file that goes over the per-file limit without a Content-Length, keeps nothing of it, saves the others', async () => {
    const result = await downloadTaskResults({
      client: client([
        { name: 'endless.glb', url: serveEndless('/endless') },
        { name: 'preview.webp', url: serve('/preview', 'RIFF') },
      ]),
      fetch,
      taskUuid: 't',
      folder,
      limits: { maxFileBytes: 256 * 1024, maxTaskBytes: 10 * 1024 ** 2 },
    });
    expect(result.failed.map((f) => [f.name, f.error.code])).toEqual([['endless.glb', 'TOO_LARGE']]);
    expect(result.failed[0]?.error.message).toBe('Refused to save endless.glb: it is larger than 0.3 MiB.');
    expect(await readdir(folder)).toEqual(['preview.webp']);
  });

  it('refuses a file whose Content-Length is over the limit before writing anything', async () => {
    const result = await downloadTaskResults({
      client: client([{ name: 'big.glb', url: serve('/big', Buffer.alloc(300 * 1024)) }]),
      fetch,
      taskUuid: 't',
      folder,
      limits: { maxFileBytes: 256 * 1024, maxTaskBytes: 10 * 1024 ** 2 },
    });
    expect(result.failed.map((f) => f.error.code)).toEqual(['TOO_LARGE']);
    expect(await readdir(folder)).toEqual([]);
  });

  it('stops the whole task once its files together pass the task limit', async () => {
    const body = Buffer.alloc(100 * 1024, 1);
    const items = ['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: `${n}.bin`, url: serve(`/${n}`, body) }));
    const result = await downloadTaskResults({
      client: client(items),
      fetch,
      taskUuid: 't',
      folder,
      concurrency: 1,
      limits: { maxFileBytes: 1024 ** 2, maxTaskBytes: 250 * 1024 },
    });
    expect(result.files.map((f) => path.basename(f))).toEqual(['a.bin', 'b.bin']);
    expect(result.failed.map((f) => f.error.code)).toEqual(['TASK_TOO_LARGE', 'TASK_TOO_LARGE', 'TASK_TOO_LARGE']);
    expect(result.failed[0]?.error.message).toMatch(/together exceed 0\.2 MiB \(the download size limit in settings\)/);
    expect((await readdir(folder)).sort()).toEqual(['a.bin', 'b.bin']);
  });

  const canMount = process.getuid?.() === 0 && process.platform === 'linux';
  it.skipIf(!canMount)('ends with a sentence and no partial file when the disk is full (ENOSPC)', async () => {
    const small = path.join(root, 'small-disk');
    await mkdir(small);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', small]);
    } catch {
      console.log('SKIP disk-full test: mounting a tmpfs was refused here.');
      return;
    }
    try {
      const diskFolder = path.join(small, 'task');
      const result = await downloadTaskResults({
        client: client([{ name: 'model.glb', url: serveEndless('/endless') }]),
        fetch,
        taskUuid: 't',
        folder: diskFolder,
      });
      expect(result.failed.map((f) => f.error.message)).toEqual([
        'The disk is full: model.glb could not be saved, and nothing partial was kept.',
      ]);
      expect(await readdir(diskFolder)).toEqual([]);
    } finally {
      execFileSync('umount', ['-l', small]);
    }
  });
  if (!canMount) console.log('SKIP disk-full test: needs root on Linux to mount a small tmpfs.');
});

describe('parallel downloads', () => {
  it('fetches 3 files at a time and reports one progress figure for the whole task', async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({
      name: `part-${i}.bin`,
      url: serve(`/p${i}`, Buffer.alloc(1000 + i), 60),
    }));
    const progress: DownloadProgress[] = [];
    const result = await downloadTaskResults({
      client: client(items),
      fetch,
      taskUuid: 't',
      folder,
      onProgress: (p) => progress.push(p),
    });
    expect(result.files).toHaveLength(7);
    expect(maxInFlight).toBe(3);
    const total = items.reduce((sum, _, i) => sum + 1000 + i, 0);
    expect(progress.at(-1)).toEqual({ receivedBytes: total, totalBytes: total, filesDone: 7, fileCount: 7 });
    // Never goes backwards: the figure is the task's, not whichever file reported last.
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.receivedBytes).toBeGreaterThanOrEqual(progress[i - 1]!.receivedBytes);
    }
  });
});
