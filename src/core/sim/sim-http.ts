// The simulator's HTTP plumbing: request bodies read with a cap, answers written with their status logged first.
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_JSON_BODY = 64 * 1024;

/** Answers with this status and body (e.g. 413 for a body over the cap). */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

/** The Rodin way of saying no: `{ error, message }` in a 201. */
export class AppFailure extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(code);
  }
}

/** Where a response's status is noted before a byte is sent, so a caller that has its answer sees it in the log. */
const statusEntries = new WeakMap<ServerResponse, { status: number }>();

export function logStatusOf(res: ServerResponse, entry: { status: number }): void {
  statusEntries.set(res, entry);
}

export function writeHead(res: ServerResponse, status: number, headers: Record<string, string>): void {
  const entry = statusEntries.get(res);
  if (entry) entry.status = status;
  res.writeHead(status, headers);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, 'application/json', JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, type: string, text: string): void {
  const bytes = Buffer.from(text);
  writeHead(res, status, { 'content-type': `${type}; charset=utf-8`, 'content-length': String(bytes.length) });
  res.end(bytes);
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new HttpFailure(413, { error: 'INVALID_REQUEST', message: 'Request body too large.' });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req, MAX_JSON_BODY)).toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  throw new HttpFailure(400, { error: 'INVALID_REQUEST', message: 'The body must be a JSON object.' });
}
