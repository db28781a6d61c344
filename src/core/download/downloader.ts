// Fetches a finished task's result files into a folder: fresh signed URLs, streamed to temporaries, renamed when whole.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { isLoopbackHost } from '../rodin/base-url';
import type { DownloadItem, RodinClient } from '../rodin/types';
import { DownloadError } from './download-error';
import { safeFileName } from './safe-file-name';

export interface DownloadProgress {
  /** Bytes of `file` received so far. */
  receivedBytes: number;
  /** From Content-Length, when the server sent one. */
  totalBytes?: number;
  /** The file's name in the folder. */
  file: string;
  /** Position of `file` in the list (0-based) and the list's length, for "file 2 of 5". */
  fileIndex: number;
  fileCount: number;
}

export interface DownloadTaskResultsOptions {
  client: Pick<RodinClient, 'downloadList'>;
  fetch: typeof fetch;
  taskUuid: string;
  folder: string;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

export interface DownloadResult {
  folder: string;
  /** Absolute paths, in the order of the service's list. */
  files: string[];
  previewFile?: string;
}

const MAX_REDIRECTS = 5;
/** Progress is reported at most once per this many bytes (plus at the start and the end of each file). */
const PROGRESS_STEP_BYTES = 64 * 1024;
const PREVIEW_NAME = /^preview\.(webp|png|jpe?g|gif)$/i;

/** Signed URLs are secrets of a kind and long: messages name the host only. */
function hostOf(url: URL): string {
  return url.host || url.protocol;
}

/** `https:` anywhere, `http:` only to this machine (the simulator); never `file:`, `data:` or anything else. */
export function checkDownloadUrl(raw: string, file: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DownloadError('UNSAFE_URL', `The download link for ${file} is not a valid URL.`, file);
  }
  const allowed = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!allowed) {
    const what = url.protocol === 'http:' ? `plain http to ${hostOf(url)}` : `a ${url.protocol} link`;
    throw new DownloadError('UNSAFE_URL', `Refused to download ${file}: ${what} is not allowed (https only).`, file);
  }
  if (url.username || url.password) {
    throw new DownloadError(
      'UNSAFE_URL',
      `Refused to download ${file}: the link carries a user name or password.`,
      file,
    );
  }
  return url;
}

/** The final path, proven to sit directly inside `folder` whatever the name held. */
function pathInside(folder: string, name: string): string {
  const full = path.join(folder, name);
  const relative = path.relative(folder, full);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative) || relative.includes(path.sep)) {
    throw new DownloadError('UNSAFE_PATH', `Refused to write ${name}: it would land outside the results folder.`, name);
  }
  return full;
}

class ExpiredUrl extends Error {}

function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

function aborted(file?: string): DownloadError {
  return new DownloadError('ABORTED', 'The download was cancelled.', file);
}

async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

/** Reads at most `limit` characters of an error body (S3-style XML says "Request has expired"). */
async function readSmallText(response: Response, limit = 4096): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // The body is only a hint; an unreadable one is no worse than an empty one.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.slice(0, limit);
}

/** GET with redirects followed by hand, so every hop passes the same URL check before we connect to it. */
async function fetchChecked(
  doFetch: typeof fetch,
  start: URL,
  file: string,
  signal: AbortSignal | undefined,
): Promise<Response> {
  let url = start;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await doFetch(url, { method: 'GET', redirect: 'manual', ...(signal ? { signal } : {}) });
    } catch (error) {
      if (isAbort(error, signal)) throw aborted(file);
      throw new DownloadError('NETWORK', `Could not download ${file}: the connection to ${hostOf(url)} failed.`, file);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || response.status === 304) return response;
    await discardBody(response);
    if (!location || hop >= MAX_REDIRECTS) {
      throw new DownloadError(
        'HTTP_ERROR',
        `Could not download ${file}: the server sent too many or broken redirects.`,
        file,
      );
    }
    url = checkDownloadUrl(new URL(location, url).href, file);
  }
}

async function failureOf(response: Response, file: string): Promise<Error> {
  const { status } = response;
  if (status === 403 || status === 410) {
    await discardBody(response);
    return new ExpiredUrl();
  }
  if (status === 400) {
    const body = await readSmallText(response);
    if (/expired/i.test(body)) return new ExpiredUrl();
  } else {
    await discardBody(response);
  }
  return new DownloadError('HTTP_ERROR', `Could not download ${file}: the server answered HTTP ${status}.`, file);
}

interface FetchFileOptions {
  doFetch: typeof fetch;
  url: URL;
  folder: string;
  name: string;
  signal: AbortSignal | undefined;
  progress: (receivedBytes: number, totalBytes: number | undefined) => void;
}

/** Streams one file to `.name.part-XXXX` beside its final name, and renames it only once it is whole. */
async function fetchFile(options: FetchFileOptions): Promise<string> {
  const { name, folder, signal } = options;
  const finalPath = pathInside(folder, name);
  const tempPath = pathInside(folder, `.${name}.part-${randomBytes(4).toString('hex')}`);
  const response = await fetchChecked(options.doFetch, options.url, name, signal);
  if (!response.ok) throw await failureOf(response, name);
  if (!response.body)
    throw new DownloadError('INCOMPLETE', `Could not download ${name}: the server sent no data.`, name);

  const lengthHeader = response.headers.get('content-length');
  const totalBytes = lengthHeader && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  let received = 0;
  let reported = 0;
  options.progress(0, totalBytes);

  let handle: FileHandle | undefined;
  const reader = response.body.getReader();
  try {
    try {
      handle = await open(tempPath, 'wx');
    } catch (error) {
      throw new DownloadError('WRITE_FAILED', `Could not save ${name}: ${(error as Error).message}`, name);
    }
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (isAbort(error, signal)) throw aborted(name);
        throw new DownloadError('INCOMPLETE', `Could not download ${name}: the connection broke off.`, name);
      }
      if (chunk.done) break;
      try {
        await handle.write(chunk.value);
      } catch (error) {
        throw new DownloadError('WRITE_FAILED', `Could not save ${name}: ${(error as Error).message}`, name);
      }
      received += chunk.value.byteLength;
      if (received - reported >= PROGRESS_STEP_BYTES) {
        reported = received;
        options.progress(received, totalBytes);
      }
    }
    if (totalBytes !== undefined && received !== totalBytes) {
      throw new DownloadError(
        'INCOMPLETE',
        `Could not download ${name}: received ${received} of ${totalBytes} bytes.`,
        name,
      );
    }
    await handle.close();
    handle = undefined;
    await rename(tempPath, finalPath);
  } catch (error) {
    await reader.cancel().catch(() => {});
    await handle?.close().catch(() => {});
    // Never leave a partial file behind, under any name.
    await rm(tempPath, { force: true }).catch(() => {});
    throw error;
  }
  if (received !== reported) options.progress(received, totalBytes);
  return finalPath;
}

function sameItem(a: DownloadItem, b: DownloadItem): boolean {
  return a.name === b.name;
}

/**
 * Downloads every result file of a task into `folder` (created if missing). Existing files are never
 * overwritten: a clash gets "name (2).ext". On an expired link it asks the service once for a fresh list and
 * retries that file; a second failure is final.
 */
export async function downloadTaskResults(options: DownloadTaskResultsOptions): Promise<DownloadResult> {
  const { client, signal } = options;
  const folder = path.resolve(options.folder);
  if (signal?.aborted) throw aborted();
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new DownloadError('WRITE_FAILED', `Could not create the results folder: ${(error as Error).message}`);
  }

  // Asked right before fetching: the signed URLs expire about ten minutes after this call.
  let list = await client.downloadList(options.taskUuid, signal ? { signal } : undefined);
  if (list.length === 0) {
    throw new DownloadError('EMPTY_LIST', 'The service has no result files for this task (yet).');
  }
  const taken = new Set(await readdir(folder).catch(() => [] as string[]));
  const plan = list.map((item) => {
    const name = safeFileName(item.name, taken);
    return { item, name, url: checkDownloadUrl(item.url, name) };
  });

  const files: string[] = [];
  let previewFile: string | undefined;
  for (const [index, entry] of plan.entries()) {
    const progress = (receivedBytes: number, totalBytes: number | undefined) =>
      options.onProgress?.({
        receivedBytes,
        ...(totalBytes !== undefined ? { totalBytes } : {}),
        file: entry.name,
        fileIndex: index,
        fileCount: plan.length,
      });
    let refreshed = false;
    let saved: string | undefined;
    while (!saved) {
      try {
        saved = await fetchFile({ doFetch: options.fetch, url: entry.url, folder, name: entry.name, signal, progress });
      } catch (error) {
        if (!(error instanceof ExpiredUrl)) throw error;
        if (refreshed) {
          throw new DownloadError(
            'EXPIRED_URL',
            `Could not download ${entry.name}: its link was refused even after asking the service for a fresh one.`,
            entry.name,
          );
        }
        refreshed = true;
        list = await client.downloadList(options.taskUuid, signal ? { signal } : undefined);
        // Fresh links for this file and every later one, so they do not expire in turn.
        for (const later of plan.slice(index)) {
          const fresh = list.find((item) => sameItem(item, later.item));
          if (fresh) later.url = checkDownloadUrl(fresh.url, later.name);
          else if (later === entry) {
            throw new DownloadError(
              'EXPIRED_URL',
              `Could not download ${entry.name}: its link expired and the fresh list no longer holds it.`,
              entry.name,
            );
          }
        }
      }
    }
    files.push(saved);
    const original = entry.item.name.split(/[/\\]/).pop() ?? '';
    if (!previewFile && PREVIEW_NAME.test(original)) previewFile = saved;
  }
  return { folder, files, ...(previewFile ? { previewFile } : {}) };
}
