// The Rodin HTTP client: one method per endpoint, every answer validated, every failure a typed RodinError.
import type { z } from 'zod';
import { systemClock } from '../clock';
import { stripControlCharacters } from '../text/plain-text';
import { normalizeBaseUrl } from './base-url';
import { normalizeErrorCode } from './describe-error';
import { AuthError, ProtocolError, RateLimitedError, ServiceError, TransientError } from './errors';
import {
  balanceResponseSchema,
  downloadResponseSchema,
  errorEnvelopeSchema,
  generationResponseSchema,
  statusResponseSchema,
  summarizeIssues,
} from './response-schemas';
import {
  DEFAULT_TIMEOUT_MS,
  type GenerateRequest,
  type RequestOptions,
  type RodinClient,
  type RodinClientOptions,
} from './types';

export const DEFAULT_RETRY_AFTER_MS = 30_000;
/** Status, balance and download-list answers are a few KiB; anything this big is broken or hostile. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** A Retry-After longer than this is treated as a mistake rather than an order to go quiet for days. */
export const MAX_RETRY_AFTER_MS = 3_600_000;
/** Uploading images takes longer than a status call; a generation that times out may still have been charged. */
export const MIN_GENERATE_TIMEOUT_MS = 120_000;

/**
 * Milliseconds to wait from a Retry-After header (delta-seconds or HTTP date), 30 s when absent or invalid.
 * `reference` is "now" as the server saw it (its Date header) so a skewed local clock does not matter.
 */
export function parseRetryAfter(value: string | null | undefined, reference: number): number {
  const text = value?.trim();
  if (!text) return DEFAULT_RETRY_AFTER_MS;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    const at = Date.parse(text);
    if (!Number.isFinite(at)) return DEFAULT_RETRY_AFTER_MS;
    ms = at - reference;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'form'; value: FormData };

interface CallSpec<T> {
  method: 'GET' | 'POST';
  path: string;
  body: Body;
  schema: z.ZodType<T>;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

export function createRodinClient(options: RodinClientOptions): RodinClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const host = new URL(baseUrl).host;

  async function getKey(): Promise<string> {
    const key = (await options.getApiKey())?.trim();
    if (!key) throw new AuthError('No Rodin API key is set.');
    // A control character or space would make fetch throw an error that might echo the header value.
    if (!/^[\x21-\x7e]+$/.test(key)) throw new AuthError('The Rodin API key contains characters that cannot be sent.');
    return key;
  }

  async function call<T>(spec: CallSpec<T>): Promise<T> {
    const key = await getKey();
    const timeout = AbortSignal.timeout(spec.timeoutMs);
    const signal = spec.signal ? AbortSignal.any([timeout, spec.signal]) : timeout;
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/json' };
    let body: string | FormData | undefined;
    if (spec.body.kind === 'json') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.body.value);
    } else if (spec.body.kind === 'form') {
      body = spec.body.value; // fetch sets the multipart boundary itself
    }

    // The original error's text is dropped on purpose: it is not ours and could carry request details.
    const failed = (error: unknown): never => {
      if (spec.signal?.aborted) throw abortReason(spec.signal);
      if (timeout.aborted) {
        throw new TransientError('TIMEOUT', `The Rodin API at ${host} did not answer within ${spec.timeoutMs} ms.`);
      }
      const cause = systemErrorCode(error);
      throw new TransientError('NETWORK', `Could not reach the Rodin API at ${host}${cause ? ` (${cause})` : ''}.`);
    };

    let response: Response;
    try {
      response = await options.fetch(`${baseUrl}${spec.path}`, { method: spec.method, headers, body, signal });
    } catch (error) {
      return failed(error);
    }

    if (response.status === 401) {
      await discard(response);
      throw new AuthError('The Rodin API rejected the API key (HTTP 401).');
    }
    if (response.status === 429) {
      const reference = Date.parse(response.headers.get('date') ?? '');
      const retryAfterMs = parseRetryAfter(
        response.headers.get('retry-after'),
        Number.isFinite(reference) ? reference : systemClock.now(),
      );
      await discard(response);
      throw new RateLimitedError(
        retryAfterMs,
        `The Rodin API is throttling requests (HTTP 429); retry in ${Math.ceil(retryAfterMs / 1000)} s.`,
      );
    }

    let text: string;
    try {
      text = await readCappedText(response, MAX_RESPONSE_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        throw new ProtocolError(
          `The Rodin API answered ${spec.path} with more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB; the answer was not read.`,
        );
      }
      return failed(error);
    }

    const { status } = response;
    const ok = status >= 200 && status < 300;
    const contentType = response.headers.get('content-type') ?? '';
    if (status >= 500) {
      throw new TransientError('HTTP_5XX', `The Rodin API had a server error (HTTP ${status}) on ${spec.path}.`);
    }
    // Proxies and captive portals answer with HTML; its text is never shown to anyone.
    if (/text\/html/i.test(contentType) || text.trimStart().startsWith('<')) {
      throw new TransientError(
        'HTML_RESPONSE',
        `The Rodin API answered ${spec.path} with a web page instead of data (HTTP ${status}).`,
      );
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (ok) throw new ProtocolError(`The Rodin API answered ${spec.path} with a body that is not valid JSON.`);
      throw new TransientError('HTTP_OTHER', `The Rodin API answered ${spec.path} with HTTP ${status}.`);
    }

    const envelope = errorEnvelopeSchema.safeParse(json);
    if (envelope.success) {
      const code = bodyErrorCode(envelope.data.error);
      if (code === 'UNAUTHORIZED') throw new AuthError('The Rodin API rejected the API key.');
      if (code) {
        const message = safeServerMessage(envelope.data.message, key);
        throw new ServiceError(code, message ? `${code}: ${message}` : `The Rodin API reported ${code}.`);
      }
    }
    if (!ok) throw new TransientError('HTTP_OTHER', `The Rodin API answered ${spec.path} with HTTP ${status}.`);

    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      throw new ProtocolError(
        `The Rodin API answered ${spec.path} with an unexpected shape (${summarizeIssues(parsed.error)}).`,
      );
    }
    return parsed.data;
  }

  return {
    baseUrl,

    async status(subscriptionKey, request?: RequestOptions) {
      const data = await call({
        method: 'POST',
        path: '/v2/status',
        body: { kind: 'json', value: { subscription_key: subscriptionKey } },
        schema: statusResponseSchema,
        timeoutMs,
        signal: request?.signal,
      });
      return {
        jobs: data.jobs.map((job) =>
          typeof job.queue_length === 'number'
            ? { uuid: job.uuid, status: job.status, queueLength: job.queue_length }
            : { uuid: job.uuid, status: job.status },
        ),
      };
    },

    async downloadList(taskUuid, request?: RequestOptions) {
      const data = await call({
        method: 'POST',
        path: '/v2/download',
        body: { kind: 'json', value: { task_uuid: taskUuid } },
        schema: downloadResponseSchema,
        timeoutMs,
        signal: request?.signal,
      });
      return data.list.map((item) => ({ url: item.url, name: item.name }));
    },

    async checkBalance(request?: RequestOptions) {
      const data = await call({
        method: 'GET',
        path: '/v2/check_balance',
        body: { kind: 'none' },
        schema: balanceResponseSchema,
        timeoutMs,
        signal: request?.signal,
      });
      return data.balance;
    },

    // Spends credits, so this makes exactly one attempt whatever happens; callers must not retry on their own.
    async generate(generateRequest: GenerateRequest, request?: RequestOptions) {
      const data = await call({
        method: 'POST',
        path: '/v2/rodin',
        body: { kind: 'form', value: buildGenerationForm(generateRequest) },
        schema: generationResponseSchema,
        timeoutMs: Math.max(timeoutMs, MIN_GENERATE_TIMEOUT_MS),
        signal: request?.signal,
      });
      const submitted = {
        taskUuid: data.uuid,
        subscriptionKey: data.jobs.subscription_key,
        jobUuids: data.jobs.uuids,
      };
      return data.message ? { ...submitted, message: data.message } : submitted;
    },
  };
}

/** Multipart body for POST /v2/rodin: images in order, arrays as JSON strings (the server JSON-parses them). */
export function buildGenerationForm(request: GenerateRequest): FormData {
  const form = new FormData();
  for (const image of request.images ?? []) {
    const blob = new Blob([new Uint8Array(image.data)], { type: image.type ?? 'application/octet-stream' });
    form.append('images', blob, image.name);
  }
  if (request.prompt !== undefined && request.prompt !== '') form.append('prompt', request.prompt);
  for (const [name, value] of Object.entries(request.fields ?? {})) {
    if (value === undefined || value === null) continue;
    form.append(name, Array.isArray(value) ? JSON.stringify(value) : String(value));
  }
  return form;
}

/** The normalised error code a body carries, or undefined when `error` is absent, null, empty, false or "OK". */
export function bodyErrorCode(error: unknown): string | undefined {
  if (error === undefined || error === null || error === false || error === '') return undefined;
  if (typeof error === 'string') {
    if (error.trim() === '' || error.trim().toUpperCase() === 'OK') return undefined;
    return normalizeErrorCode(error);
  }
  return 'UNKNOWN';
}

/** The service's own explanation, kept short and single-line, never with markup or our key in it. */
function safeServerMessage(message: unknown, key: string): string | undefined {
  if (typeof message !== 'string') return undefined;
  let text = stripControlCharacters(message).replace(/\s+/g, ' ').trim();
  if (!text || /<[a-z!/]/i.test(text)) return undefined;
  text = text.split(key).join('…');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

class BodyTooLarge extends Error {}

/** The body as text, reading no more than `limit` bytes: a huge or endless answer is cut off, memory stays flat. */
async function readCappedText(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) throw new BodyTooLarge();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to free if the body is already gone.
  }
}

/** ECONNREFUSED, ENOTFOUND and the like from fetch's `cause`: a fixed vocabulary, safe to show. */
function systemErrorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = cause && typeof cause === 'object' ? cause.code : undefined;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{2,40}$/.test(code) ? code : undefined;
}
