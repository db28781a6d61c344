// Fetches a finished task's result files into a folder: fresh signed URLs, streamed to temporaries, renamed when whole.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { isLoopbackHost } from '../rodin/base-url';
import type { RodinClient } from '../rodin/types';
import { DownloadError } from './download-error';
import {
  parseUrl,
  planDownloads,
  urlProblem,
  type PlannedFile,
  type RefusedFile,
  type UrlRules,
} from './download-plan';

/** The whole task's progress: bytes over every file, and how many files are finished. */
export interface DownloadProgress {
  receivedBytes: number;
  /** Sum of every file's Content-Length, once every file has started and sent one. */
  totalBytes?: number;
  filesDone: number;
  fileCount: number;
}

export interface DownloadLimits {
  maxFileBytes: number;
  maxTaskBytes: number;
}

const GIB = 1024 ** 3;
export const DEFAULT_DOWNLOAD_LIMITS: DownloadLimits = { maxFileBytes: 2 * GIB, maxTaskBytes: 4 * GIB };
/** Files fetched at once: enough to hide latency, few enough to be polite to the file host. */
export const DEFAULT_DOWNLOAD_CONCURRENCY = 3;

export interface DownloadTaskResultsOptions {
  /** Its base URL decides whether plain http links are acceptable (only for an API on this machine). */
  client: Pick<RodinClient, 'downloadList' | 'baseUrl'>;
  fetch: typeof fetch;
  taskUuid: string;
  folder: string;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  limits?: DownloadLimits;
  concurrency?: number;
}

export interface FailedFile {
  name: string;
  error: DownloadError;
}

export interface DownloadResult {
  folder: string;
  /** Absolute paths of the files saved, in the order of the service's list. */
  files: string[];
  previewFile?: string;
  /** Entries judged unsafe and skipped (nothing was fetched for them). */
  refused: RefusedFile[];
  /** Safe entries that could not be fetched or saved. */
  failed: FailedFile[];
}

const MAX_REDIRECTS = 5;
/** Progress is reported at most once per this many bytes (plus at the start and the end of each file). */
const PROGRESS_STEP_BYTES = 64 * 1024;
const PREVIEW_NAME = /^preview\.(webp|png|jpe?g|gif)$/i;

/** Signed URLs are secrets of a kind and long: messages name the host only. */
function hostOf(url: URL): string {
  return url.host || url.protocol;
}

/** The rules for links, from the API's own base URL. */
export function urlRulesFor(baseUrl: string): UrlRules {
  const api = parseUrl(baseUrl);
  return { allowPlainHttp: api !== undefined && api.protocol === 'http:' && isLoopbackHost(api.hostname) };
}

/** A redirect target passes the same rules as the listed link before we connect to it. */
export function checkDownloadUrl(raw: string, file: string, rules: UrlRules): URL {
  const url = parseUrl(raw);
  const problem = url ? urlProblem(url, rules) : 'not a valid link';
  if (!url || problem) throw new DownloadError('UNSAFE_URL', `Refused to download ${file}: ${problem}.`, file);
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
  rules: UrlRules,
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
    url = checkDownloadUrl(new URL(location, url).href, file, rules);
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

/** Bytes the whole task may still take; shared by the files fetched in parallel. */
interface TaskBudget {
  limits: DownloadLimits;
  used: number;
}

interface FetchFileOptions {
  doFetch: typeof fetch;
  url: URL;
  rules: UrlRules;
  folder: string;
  name: string;
  signal: AbortSignal;
  budget: TaskBudget;
  progress: (receivedBytes: number, totalBytes: number | undefined) => void;
}

const MIB = 1024 ** 2;

function sizeText(bytes: number): string {
  return bytes >= 1024 * MIB ? `${+(bytes / (1024 * MIB)).toFixed(1)} GiB` : `${+(bytes / MIB).toFixed(1)} MiB`;
}

function tooLarge(name: string, budget: TaskBudget, fileBytes: number): DownloadError | undefined {
  const { maxFileBytes, maxTaskBytes } = budget.limits;
  if (fileBytes > maxFileBytes) {
    return new DownloadError(
      'TOO_LARGE',
      `Refused to save ${name}: it is larger than ${sizeText(maxFileBytes)}.`,
      name,
    );
  }
  if (budget.used > maxTaskBytes) {
    return new DownloadError(
      'TASK_TOO_LARGE',
      `Stopped at ${name}: the task's files together exceed ${sizeText(maxTaskBytes)} (the download size limit in settings).`,
      name,
    );
  }
  return undefined;
}

function writeFailure(error: unknown, name: string): DownloadError {
  if ((error as { code?: unknown }).code === 'ENOSPC') {
    return new DownloadError(
      'DISK_FULL',
      `The disk is full: ${name} could not be saved, and nothing partial was kept.`,
      name,
    );
  }
  return new DownloadError('WRITE_FAILED', `Could not save ${name}: ${(error as Error).message}`, name);
}

/** Streams one file to `.name.part-XXXX` beside its final name, and renames it only once it is whole. */
async function fetchFile(options: FetchFileOptions): Promise<string> {
  const { name, folder, signal, budget } = options;
  const finalPath = pathInside(folder, name);
  const tempPath = pathInside(folder, `.${name}.part-${randomBytes(4).toString('hex')}`);
  const response = await fetchChecked(options.doFetch, options.url, name, signal, options.rules);
  if (!response.ok) throw await failureOf(response, name);
  if (!response.body)
    throw new DownloadError('INCOMPLETE', `Could not download ${name}: the server sent no data.`, name);

  const lengthHeader = response.headers.get('content-length');
  const totalBytes = lengthHeader && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
  // A stated size over a limit is refused before a byte is written; the count below catches a lying server.
  const early =
    totalBytes !== undefined ? tooLarge(name, { ...budget, used: budget.used + totalBytes }, totalBytes) : undefined;
  if (early) {
    await discardBody(response);
    throw early;
  }
  let received = 0;
  let reported = 0;
  options.progress(0, totalBytes);

  let handle: FileHandle | undefined;
  const reader = response.body.getReader();
  try {
    try {
      handle = await open(tempPath, 'wx');
    } catch (error) {
      throw writeFailure(error, name);
    }
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (isAbort(error, signal)) throw aborted(name);
        throw new DownloadError('INCOMPLETE', `Could not download ${name}: the connection broke off.`, name);
      }
      if (chunk.done) break;
      received += chunk.value.byteLength;
      budget.used += chunk.value.byteLength;
      const over = tooLarge(name, budget, received);
      if (over) throw over;
      try {
        await handle.write(chunk.value);
      } catch (error) {
        throw writeFailure(error, name);
      }
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
    try {
      await handle.close();
    } catch (error) {
      throw writeFailure(error, name);
    } finally {
      handle = undefined;
    }
    await rename(tempPath, finalPath);
  } catch (error) {
    await reader.cancel().catch(() => {});
    await handle?.close().catch(() => {});
    // Never leave a partial file behind, under any name.
    await rm(tempPath, { force: true }).catch(() => {});
    // What this file counted no longer takes room in the task's budget.
    budget.used -= received;
    throw error;
  }
  if (received !== reported) options.progress(received, totalBytes);
  return finalPath;
}

/** Failures that would hit every other file too: the rest of the task stops at once. */
function stopsTheTask(error: DownloadError): boolean {
  return error.code === 'DISK_FULL' || error.code === 'TASK_TOO_LARGE';
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/**
 * Downloads the safe result files of a task into `folder` (created if missing), a few at a time. Each list entry
 * is judged on its own: unsafe ones are refused and reported, the rest are saved even when one fails. Existing
 * files are never overwritten: a clash gets "name (2).ext". On an expired link it asks the service once for a
 * fresh list and retries; a second refusal of that file is final. Throws only when nothing could be attempted
 * (no list, an empty list, no folder) or when cancelled.
 */
export async function downloadTaskResults(options: DownloadTaskResultsOptions): Promise<DownloadResult> {
  const { client } = options;
  const outer = options.signal;
  const folder = path.resolve(options.folder);
  const rules = urlRulesFor(client.baseUrl);
  if (outer?.aborted) throw aborted();
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new DownloadError('WRITE_FAILED', `Could not create the results folder: ${(error as Error).message}`);
  }

  // Asked right before fetching: the signed URLs expire about ten minutes after this call.
  const listOnce = () => client.downloadList(options.taskUuid, outer ? { signal: outer } : undefined);
  const list = await listOnce();
  if (list.length === 0) {
    throw new DownloadError('EMPTY_LIST', 'The service has no result files for this task (yet).');
  }
  const taken = new Set(await readdir(folder).catch(() => [] as string[]));
  const { files: plan, refused } = planDownloads(list, taken, rules);

  // One stop for the whole task: cancelled from outside, or a failure every other file would meet too.
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  outer?.addEventListener('abort', onOuterAbort);
  const budget: TaskBudget = { limits: options.limits ?? DEFAULT_DOWNLOAD_LIMITS, used: 0 };
  const perFile = new Map<PlannedFile, { received: number; total: number | undefined }>();
  let filesDone = 0;
  const report = () => {
    const states = [...perFile.values()];
    const progress: DownloadProgress = {
      receivedBytes: states.reduce((sum, f) => sum + f.received, 0),
      filesDone,
      fileCount: plan.length,
    };
    if (states.length === plan.length && states.every((f) => f.total !== undefined)) {
      progress.totalBytes = states.reduce((sum, f) => sum + (f.total ?? 0), 0);
    }
    options.onProgress?.(progress);
  };

  // A fresh list is asked for at most once, shared by every file whose link expired meanwhile.
  let freshList: Promise<Map<string, string>> | undefined;
  const freshUrls = () =>
    (freshList ??= listOnce().then((items) => new Map(items.map((item) => [item.name, item.url]))));

  const saved = new Map<PlannedFile, string>();
  const failed: FailedFile[] = [];
  let stoppedBy: DownloadError | undefined;

  const fetchOne = async (entry: PlannedFile): Promise<void> => {
    if (stop.signal.aborted) return;
    const progress = (received: number, total: number | undefined) => {
      perFile.set(entry, { received, total });
      report();
    };
    let url = entry.url;
    for (let attempt = 0; ; attempt++) {
      try {
        saved.set(
          entry,
          await fetchFile({
            doFetch: options.fetch,
            url,
            rules,
            folder,
            name: entry.name,
            signal: stop.signal,
            budget,
            progress,
          }),
        );
        filesDone++;
        report();
        return;
      } catch (error) {
        perFile.delete(entry);
        if (error instanceof ExpiredUrl && attempt === 0) {
          const fresh = (await freshUrls()).get(entry.item.name);
          if (fresh === undefined) {
            failed.push({
              name: entry.name,
              error: new DownloadError(
                'EXPIRED_URL',
                `Could not download ${entry.name}: its link expired and the fresh list no longer holds it.`,
                entry.name,
              ),
            });
            return;
          }
          url = checkDownloadUrl(fresh, entry.name, rules);
          continue;
        }
        const failure =
          error instanceof ExpiredUrl
            ? new DownloadError(
                'EXPIRED_URL',
                `Could not download ${entry.name}: its link was refused even after asking the service for a fresh one.`,
                entry.name,
              )
            : error instanceof DownloadError
              ? error
              : new DownloadError(
                  'WRITE_FAILED',
                  `Could not save ${entry.name}: ${(error as Error).message}`,
                  entry.name,
                );
        if (failure.code === 'ABORTED' && stop.signal.aborted) return;
        failed.push({ name: entry.name, error: failure });
        if (stopsTheTask(failure)) {
          stoppedBy ??= failure;
          stop.abort();
        }
        return;
      }
    }
  };

  try {
    await eachLimited(plan, options.concurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY, fetchOne);
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
  }
  if (outer?.aborted) throw aborted();
  if (stoppedBy) {
    // The files never started are part of what the stop cost; say so once, on the task.
    const started = new Set([...saved.keys()].map((e) => e.name).concat(failed.map((f) => f.name)));
    for (const entry of plan) if (!started.has(entry.name)) failed.push({ name: entry.name, error: stoppedBy });
  }

  const files = plan.filter((entry) => saved.has(entry)).map((entry) => saved.get(entry)!);
  // Judged by the service's name: a re-download may have saved it as "preview (2).webp".
  const preview = plan.find(
    (entry) => saved.has(entry) && PREVIEW_NAME.test(entry.item.name.split(/[/\\]/).pop() ?? ''),
  );
  return { folder, files, refused, failed, ...(preview ? { previewFile: saved.get(preview)! } : {}) };
}
