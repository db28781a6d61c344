// The faults a test can make the simulator answer with (401, 429, HTML, bad JSON, slow or endless bodies…), which
// requests each applies to, and how each is written.
import type { ServerResponse } from 'node:http';
import { systemClock, type TimerHandle } from '../clock';
import { sendJson, sendText, writeHead } from './sim-http';

type SimFaultKind =
  | { kind: 'unauthorized' }
  /** `retryAfterHeader` overrides the header verbatim (an HTTP date, garbage), or omits it when null. */
  | { kind: 'rate-limited'; retryAfterSeconds?: number; retryAfterHeader?: string | null }
  | { kind: 'server-error-html' }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed-json' }
  | { kind: 'error-in-201'; code: string; message?: string }
  /** A proxy or captive portal answering with a web page (default status 200). */
  | { kind: 'html-page'; status?: number }
  /** Valid JSON of the wrong shape (a 2xx the client cannot use). */
  | { kind: 'wrong-shape' }
  /** A 2xx JSON body that never ends (no Content-Length): a client must stop reading on its own. */
  | { kind: 'endless-body' };

/**
 * Applies to following requests until cleared or `times` is used up. `paths` limits it to some paths, matched
 * by prefix against the logged path ('/v2/status', '/files/…'); without `paths` it hits API calls only.
 */
export type SimFault = SimFaultKind & { times?: number; paths?: string[] };

export const UNAUTHORIZED_BODY = { error: 'UNAUTHORIZED', message: 'Active API key is required.' };
const HTML_500 =
  '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** The one fault set now, used up request by request. */
export interface FaultSlot {
  set(fault: SimFault | null): void;
  /** The fault this request meets, if any (counting it against `times`). */
  take(path: string, isApi: boolean): SimFault | null;
}

export function createFaultSlot(): FaultSlot {
  let fault: SimFault | null = null;
  return {
    set(next) {
      fault = next && (next.times === undefined || next.times > 0) ? { ...next } : null;
    },
    take(path, isApi) {
      if (!fault) return null;
      const applies = fault.paths ? fault.paths.some((p) => path.startsWith(p)) : isApi;
      if (!applies) return null;
      const current = fault;
      if (current.times !== undefined) {
        const left = current.times - 1;
        fault = left > 0 ? { ...current, times: left } : null;
      }
      return current;
    },
  };
}

/** The 'slow' fault's waits: each ends early when its client goes away, all of them when the simulator stops. */
export interface SlowAnswers {
  wait(ms: number, res: ServerResponse): Promise<void>;
  releaseAll(): void;
}

export function createSlowAnswers(): SlowAnswers {
  const pending = new Set<{ handle: TimerHandle; resolve: () => void }>();
  return {
    wait: (ms, res) =>
      new Promise<void>((resolve) => {
        const entry = {
          handle: systemClock.setTimeout(() => {
            pending.delete(entry);
            resolve();
          }, ms),
          resolve,
        };
        pending.add(entry);
        // A client that gave up needs no answer; stop waiting so the socket is freed.
        res.on('close', () => {
          if (!pending.delete(entry)) return;
          systemClock.clearTimeout(entry.handle);
          resolve();
        });
      }),
    releaseAll() {
      for (const entry of pending) {
        systemClock.clearTimeout(entry.handle);
        entry.resolve();
      }
      pending.clear();
    },
  };
}

/** Answers with the fault; `okStatus` is what the endpoint answers when all is well (200 for GET, 201 for POST). */
export function sendFault(res: ServerResponse, fault: SimFault, okStatus: number): void {
  switch (fault.kind) {
    case 'unauthorized':
      return sendJson(res, 401, UNAUTHORIZED_BODY);
    case 'rate-limited': {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const header =
        fault.retryAfterHeader === undefined ? String(fault.retryAfterSeconds ?? 30) : fault.retryAfterHeader;
      if (header !== null) headers['retry-after'] = header;
      writeHead(res, 429, headers);
      res.end(JSON.stringify({ error: 'TOO_MANY_REQUESTS', message: 'Too many requests.' }));
      return;
    }
    case 'server-error-html':
      return sendText(res, 500, 'text/html', HTML_500);
    case 'malformed-json':
      return sendText(res, okStatus, 'application/json', '{"jobs": [{"uuid": "3f1c');
    case 'error-in-201':
      return sendJson(res, 201, { error: fault.code, message: fault.message ?? `Simulated ${fault.code}.` });
    case 'html-page':
      return sendText(
        res,
        fault.status ?? 200,
        'text/html',
        '<!doctype html><html><body><h1>Sign in to Wi-Fi</h1></body></html>',
      );
    case 'wrong-shape':
      return sendJson(res, okStatus, { jobs: 'not a list', list: 42, balance: 'lots', uuid: 7 });
    case 'endless-body':
      return streamEndlessJson(res, okStatus);
    case 'slow':
      return; // handled by the caller: it delays, then answers normally
  }
}

/** Writes `{"jobs":[…` forever, respecting back-pressure, until the client goes away or the server stops. */
function streamEndlessJson(res: ServerResponse, status: number): void {
  writeHead(res, status, { 'content-type': 'application/json' });
  res.write('{"jobs":[');
  const chunk = Buffer.from('{"uuid":"00000000-0000-0000-0000-000000000000","status":"Waiting"},'.repeat(256));
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
}
