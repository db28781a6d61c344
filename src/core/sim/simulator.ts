// A real HTTP server on 127.0.0.1 speaking the Rodin API (shapes per docs/rodin-api.md) with scripted tasks and faults.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type TimerHandle } from '../clock';
import { buildSampleModelGlb } from './sample-model';
import { buildTinyWebp } from './sample-files';
import { scenarioScripts, simulatedGenerateMs, type ScenarioName } from './scenarios';
import { createSimTask, isSimTaskDone, jobsAt, type SimTask, type SimTaskScript } from './sim-task';
import {
  ADDONS,
  CONDITION_MODES,
  GEOMETRY_FORMATS,
  IMAGE_TYPES,
  MATERIALS,
  MAX_IMAGES,
  MESH_MODES,
  QUALITIES,
  TIERS,
  estimateGenerationCost,
} from '../../shared/generation';

export type { ScenarioName } from './scenarios';
export type { SimTask, SimTaskScript } from './sim-task';

export const DEFAULT_SIM_API_KEY = 'sim-key-0123456789abcdef';
export const DEFAULT_URL_TTL_MS = 10 * 60_000;
export const SIM_MODEL_FILE = 'base_basic_pbr.glb';
export const SIM_PREVIEW_FILE = 'preview.webp';

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

export interface SimRequest {
  /** Relative to the API base for API calls ('/v2/status'), the URL path for files ('/files/<task>/<name>'). */
  path: string;
  at: number;
  /** 0 while no answer has been sent (e.g. a slow response the client gave up on). */
  status: number;
}

export interface SimSubmission {
  fields: Record<string, string>;
  files: { field: string; name: string; type: string; size: number }[];
}

export interface SimulatorOptions {
  port?: number;
  apiKey?: string;
  now?: () => number;
  scenario?: ScenarioName;
  urlTtlMs?: number;
  /** Credits at start; a generation costs 0.5 (1 for Gen-2.5-Extreme-High), HighPack +1. Default 212.5. */
  balance?: number;
  /** Unfinished submitted generations allowed at once; one more answers PARALLELISM_LIMIT_REACHED. Default 10. */
  parallelismLimit?: number;
  /** Download links first answer 302 to the signed file, as links behind a CDN or storage front do. */
  redirectDownloads?: boolean;
}

export interface Simulator {
  /** e.g. http://127.0.0.1:PORT/api — pass it to createRodinClient. */
  baseUrl: string;
  apiKey: string;
  addTask(script?: SimTaskScript): SimTask;
  /** Every task the simulator knows, oldest first (scenario tasks, added ones, submitted generations). */
  tasks(): SimTask[];
  setFault(fault: SimFault | null): void;
  requests(): SimRequest[];
  /** Multipart generation requests received (fields as sent, files by name/type/size), for asserting encodings. */
  submissions(): SimSubmission[];
  balance(): number;
  setBalance(credits: number): void;
  /** How the next submitted generations progress (queue, duration, outcome); the label and tier come from the form. */
  setGenerationScript(script: SimTaskScript): void;
  stop(): Promise<void>;
}

const UNAUTHORIZED_BODY = { error: 'UNAUTHORIZED', message: 'Active API key is required.' };
const HTML_500 =
  '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const EXPIRED_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
const BAD_SIGNATURE_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>';
const MAX_JSON_BODY = 64 * 1024;
/** Five images at the app's 10 MB limit, plus the form's own bytes. */
const MAX_MULTIPART_BODY = 64 * 1024 * 1024;

const TRUE_FALSE = ['true', 'false'];
const CHOICES: Record<string, readonly string[]> = {
  tier: TIERS,
  geometry_file_format: GEOMETRY_FORMATS,
  material: MATERIALS,
  quality: QUALITIES,
  mesh_mode: MESH_MODES,
  condition_mode: CONDITION_MODES,
  TAPose: TRUE_FALSE,
  use_original_alpha: TRUE_FALSE,
  preview_render: TRUE_FALSE,
};
/** How a submitted generation behaves unless a test says otherwise: a short queue, then about the tier's time. */
const DEFAULT_GENERATION: SimTaskScript = { jobs: 4, queueMs: 3_000, queueLength: 2 };

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

class AppFailure extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(code);
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const apiKey = options.apiKey ?? DEFAULT_SIM_API_KEY;
  const now = options.now ?? (() => systemClock.now());
  const urlTtlMs = options.urlTtlMs ?? DEFAULT_URL_TTL_MS;
  const secret = randomBytes(32);
  const files = new Map<string, { bytes: Uint8Array; type: string }>([
    [SIM_MODEL_FILE, { bytes: buildSampleModelGlb(), type: 'model/gltf-binary' }],
    [SIM_PREVIEW_FILE, { bytes: buildTinyWebp(), type: 'image/webp' }],
  ]);

  const tasks = new Map<string, SimTask>();
  const bySubscriptionKey = new Map<string, SimTask>();
  const log: SimRequest[] = [];
  const submissions: SimSubmission[] = [];
  const pendingDelays = new Set<{ handle: TimerHandle; resolve: () => void }>();
  let fault: SimFault | null = null;
  let credits = options.balance ?? 212.5;
  let generationScript: SimTaskScript = DEFAULT_GENERATION;
  const submitted = new Set<SimTask>();
  let origin = '';

  const addTask = (script: SimTaskScript = {}): SimTask => {
    const task = createSimTask(script, now(), secret);
    tasks.set(task.taskUuid, task);
    bySubscriptionKey.set(task.subscriptionKey, task);
    return task;
  };

  const sign = (path: string, expiresAt: number) =>
    createHmac('sha256', secret).update(`${path}\n${expiresAt}`).digest('hex');

  const signedUrl = (taskUuid: string, name: string): string => {
    const path = `/files/${taskUuid}/${encodeURIComponent(name)}`;
    const expiresAt = now() + urlTtlMs;
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Expires': String(Math.round(urlTtlMs / 1000)),
      Expires: String(expiresAt),
      'X-Amz-Signature': sign(path, expiresAt),
    });
    return `${origin}${options.redirectDownloads ? '/redirect' : ''}${path}?${query.toString()}`;
  };

  const isAuthorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1]) return false;
    const given = Buffer.from(match[1].trim());
    const expected = Buffer.from(apiKey);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const takeFault = (path: string, isApi: boolean): SimFault | null => {
    if (!fault) return null;
    const applies = fault.paths ? fault.paths.some((p) => path.startsWith(p)) : isApi;
    if (!applies) return null;
    const current = fault;
    if (current.times !== undefined) {
      const left = current.times - 1;
      fault = left > 0 ? { ...current, times: left } : null;
    }
    return current;
  };

  const delay = (ms: number, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const entry = {
        handle: systemClock.setTimeout(() => {
          pendingDelays.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      pendingDelays.add(entry);
      // A client that gave up needs no answer; stop waiting so the socket is freed.
      res.on('close', () => {
        if (!pendingDelays.delete(entry)) return;
        systemClock.clearTimeout(entry.handle);
        resolve();
      });
    });

  async function handle(req: IncomingMessage, res: ServerResponse, entry: SimRequest): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname.startsWith('/api/');
    const path = entry.path;
    const active = takeFault(path, isApi);

    if (active?.kind === 'slow') {
      await delay(active.delayMs, res);
      if (res.destroyed || res.writableEnded) return;
    } else if (active) {
      return sendFault(res, active, req.method === 'GET' ? 200 : 201);
    }

    if (!isApi && url.pathname.startsWith('/redirect/')) {
      writeHead(res, 302, { location: `${url.pathname.slice('/redirect'.length)}${url.search}` });
      res.end();
      return;
    }
    if (!isApi) return serveFile(req, res, url);
    if (!isAuthorized(req)) return sendJson(res, 401, UNAUTHORIZED_BODY);

    try {
      switch (`${req.method ?? 'GET'} ${path}`) {
        case 'POST /v2/status':
          return sendJson(res, 201, statusBody(await readJson(req)));
        case 'POST /v2/download':
          return sendJson(res, 201, downloadBody(await readJson(req)));
        case 'GET /v2/check_balance':
          return sendJson(res, 200, { balance: credits });
        case 'POST /v2/rodin':
          return sendJson(res, 201, await generation(req));
        default:
          if (['/v2/status', '/v2/download', '/v2/check_balance', '/v2/rodin'].includes(path)) {
            return sendJson(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'Method Not Allowed' });
          }
          return sendText(res, 404, 'text/plain', 'Not Found');
      }
    } catch (error) {
      if (error instanceof AppFailure) return sendJson(res, 201, { error: error.code, message: error.detail });
      if (error instanceof HttpFailure) return sendJson(res, error.status, error.body);
      throw error;
    }
  }

  function statusBody(body: Record<string, unknown>) {
    const key = body.subscription_key;
    if (typeof key !== 'string' || !key) throw new AppFailure('INVALID_REQUEST', 'subscription_key is required.');
    if (!/^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(key)) throw new AppFailure('INVALID_REQUEST', 'Invalid subscription key.');
    const task = bySubscriptionKey.get(key);
    if (!task) throw new AppFailure('NO_SUCH_TASK', 'No task matches this subscription key.');
    return { jobs: jobsAt(task, now()), error: null };
  }

  function downloadBody(body: Record<string, unknown>) {
    const taskUuid = body.task_uuid;
    if (typeof taskUuid !== 'string' || !taskUuid) throw new AppFailure('INVALID_REQUEST', 'task_uuid is required.');
    // A job uuid is not a task uuid: the real service answers NO_SUCH_TASK for it too.
    const task = tasks.get(taskUuid);
    if (!task) throw new AppFailure('NO_SUCH_TASK', 'No such task.');
    // Before Done the real list may be incomplete; the simulator shows nothing until every job is Done.
    const list = isSimTaskDone(task, now())
      ? [...files.keys()].map((name) => ({ url: signedUrl(task.taskUuid, name), name })).concat(task.extraDownloads)
      : [];
    return { list };
  }

  async function generation(req: IncomingMessage) {
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(contentType)) {
      throw new AppFailure('INVALID_REQUEST', 'Expected multipart/form-data.');
    }
    const raw = await readBody(req, MAX_MULTIPART_BODY);
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new AppFailure('INVALID_REQUEST', 'The multipart body could not be parsed.');
    }
    const submission: SimSubmission = { fields: {}, files: [] };
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') submission.fields[field] = value;
      else submission.files.push({ field, name: value.name, type: value.type, size: value.size });
    }
    submissions.push(submission);

    const { fields } = submission;
    const images = submission.files.filter((f) => f.field === 'images');
    const prompt = fields.prompt?.trim();
    if (images.length === 0 && !prompt) throw new AppFailure('INVALID_REQUEST', 'A prompt is required without images.');
    if (images.length > MAX_IMAGES)
      throw new AppFailure('INVALID_REQUEST', `At most ${MAX_IMAGES} images are allowed.`);
    if (images.some((image) => !(IMAGE_TYPES as readonly string[]).includes(image.type) || image.size === 0)) {
      throw new AppFailure('INVALID_REQUEST', 'Images must be PNG, JPEG or WebP files.');
    }
    for (const [field, allowed] of Object.entries(CHOICES)) {
      const value = fields[field];
      if (value !== undefined && !allowed.includes(value)) {
        throw new AppFailure('INVALID_REQUEST', `Invalid value for ${field}.`);
      }
    }
    if (fields.seed !== undefined && !(/^\d+$/.test(fields.seed) && Number(fields.seed) <= 65535)) {
      throw new AppFailure('INVALID_REQUEST', 'seed must be an integer from 0 to 65535.');
    }
    if (fields.quality_override !== undefined && !/^\d+$/.test(fields.quality_override)) {
      throw new AppFailure('INVALID_REQUEST', 'quality_override must be an integer.');
    }
    const addons = parseJsonArray(fields.addons, 'addons');
    if (addons && !addons.every((a) => (ADDONS as readonly unknown[]).includes(a))) {
      throw new AppFailure('INVALID_REQUEST', 'Unknown addon.');
    }
    const bbox = parseJsonArray(fields.bbox_condition, 'bbox_condition');
    if (bbox && !(bbox.length === 3 && bbox.every((n) => Number.isInteger(n)))) {
      throw new AppFailure('INVALID_REQUEST', 'bbox_condition must be 3 integers.');
    }

    for (const task of submitted) if (isSimTaskOver(task)) submitted.delete(task);
    if (submitted.size >= (options.parallelismLimit ?? 10)) {
      throw new AppFailure('PARALLELISM_LIMIT_REACHED', 'Parallelism limit reached.');
    }
    const cost = estimateGenerationCost({ tier: fields.tier, addons: addons as string[] | undefined });
    if (credits < cost) throw new AppFailure('INSUFFICIENT_FUNDS', 'Insufficient funds.');
    credits -= cost;
    const task = addTask({
      generateMs: simulatedGenerateMs(fields.tier),
      ...generationScript,
      label: prompt ? prompt.slice(0, 60) : (images[0]?.name ?? 'Generation'),
      ...(fields.tier ? { tier: fields.tier } : {}),
    });
    submitted.add(task);
    return task.generationResponse;
  }

  /** A task whose jobs all ended (Done, Failed, Canceled or anything else) no longer counts against the limit. */
  function isSimTaskOver(task: SimTask): boolean {
    return jobsAt(task, now()).every((job) => job.status !== 'Waiting' && job.status !== 'Generating');
  }

  function serveFile(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const match = /^\/files\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const file = match?.[2] ? files.get(decodeURIComponent(match[2])) : undefined;
    if (!match?.[1] || !file || !tasks.has(match[1]) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendText(res, 404, 'text/plain', 'Not Found');
    }
    const expiresAt = Number(url.searchParams.get('Expires'));
    const signature = url.searchParams.get('X-Amz-Signature') ?? '';
    if (!Number.isFinite(expiresAt) || signature !== sign(url.pathname, expiresAt)) {
      return sendText(res, 403, 'application/xml', BAD_SIGNATURE_XML);
    }
    if (now() >= expiresAt) return sendText(res, 403, 'application/xml', EXPIRED_XML);
    writeHead(res, 200, { 'content-type': file.type, 'content-length': String(file.bytes.length) });
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.startsWith('/api/') ? url.pathname.slice('/api'.length) : url.pathname;
    const entry: SimRequest = { path, at: now(), status: 0 };
    log.push(entry);
    logEntries.set(res, entry);
    handle(req, res, entry).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'text/plain', 'Internal Server Error');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  for (const script of scenarioScripts(options.scenario ?? 'empty')) addTask(script);

  return {
    baseUrl: `${origin}/api`,
    apiKey,
    addTask,
    tasks: () => [...tasks.values()],
    setFault(next) {
      fault = next && (next.times === undefined || next.times > 0) ? { ...next } : null;
    },
    requests: () => log.map((r) => ({ ...r })),
    submissions: () => submissions.map((s) => ({ fields: { ...s.fields }, files: [...s.files] })),
    balance: () => credits,
    setBalance(value) {
      credits = value;
    },
    setGenerationScript(script) {
      generationScript = { ...DEFAULT_GENERATION, ...script };
    },
    async stop() {
      for (const pending of pendingDelays) {
        systemClock.clearTimeout(pending.handle);
        pending.resolve();
      }
      pendingDelays.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function sendFault(res: ServerResponse, fault: SimFault, okStatus: number): void {
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

// Each answer's status goes into the request log before a byte is sent, so a caller that has its answer sees it.
const logEntries = new WeakMap<ServerResponse, SimRequest>();

function writeHead(res: ServerResponse, status: number, headers: Record<string, string>): void {
  const entry = logEntries.get(res);
  if (entry) entry.status = status;
  res.writeHead(status, headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, 'application/json', JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, type: string, text: string): void {
  const bytes = Buffer.from(text);
  writeHead(res, status, { 'content-type': `${type}; charset=utf-8`, 'content-length': String(bytes.length) });
  res.end(bytes);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
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

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req, MAX_JSON_BODY)).toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  throw new HttpFailure(400, { error: 'INVALID_REQUEST', message: 'The body must be a JSON object.' });
}

function parseJsonArray(value: string | undefined, field: string): unknown[] | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed as unknown[];
  } catch {
    // reported below
  }
  throw new AppFailure('INVALID_REQUEST', `${field} must be a JSON array.`);
}
