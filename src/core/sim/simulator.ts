// A real HTTP server on 127.0.0.1 speaking the Rodin API (shapes per docs/rodin-api.md) with scripted tasks and faults.
// This file holds the tasks and routes each request; the parts are: sim-faults.ts (what a test can break),
// sim-files.ts (signed result links), sim-generation.ts (credits and /v2/rodin), sim-http.ts (plumbing).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../clock';
import { scenarioScripts, type ScenarioName } from './scenarios';
import { createFaultSlot, createSlowAnswers, sendFault, UNAUTHORIZED_BODY, type SimFault } from './sim-faults';
import { createFileHost } from './sim-files';
import { createSimGenerations, type SimSubmission } from './sim-generation';
import { AppFailure, HttpFailure, logStatusOf, readJson, sendJson, sendText } from './sim-http';
import { createSimTask, isSimTaskDone, jobsAt, type SimTask, type SimTaskScript } from './sim-task';

export type { ScenarioName } from './scenarios';
export type { SimFault } from './sim-faults';
export { SIM_MODEL_FILE, SIM_PREVIEW_FILE } from './sim-files';
export type { SimSubmission } from './sim-generation';
export type { SimTask, SimTaskScript } from './sim-task';

export const DEFAULT_SIM_API_KEY = 'sim-key-0123456789abcdef';
export const DEFAULT_URL_TTL_MS = 10 * 60_000;

export interface SimRequest {
  /** Relative to the API base for API calls ('/v2/status'), the URL path for files ('/files/<task>/<name>'). */
  path: string;
  at: number;
  /** 0 while no answer has been sent (e.g. a slow response the client gave up on). */
  status: number;
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

const API_PATHS = ['/v2/status', '/v2/download', '/v2/check_balance', '/v2/rodin'];

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const apiKey = options.apiKey ?? DEFAULT_SIM_API_KEY;
  const now = options.now ?? (() => systemClock.now());
  const secret = randomBytes(32);
  const tasks = new Map<string, SimTask>();
  const bySubscriptionKey = new Map<string, SimTask>();
  const log: SimRequest[] = [];
  const faults = createFaultSlot();
  const slowAnswers = createSlowAnswers();
  let origin = '';

  const addTask = (script: SimTaskScript = {}): SimTask => {
    const task = createSimTask(script, now(), secret);
    tasks.set(task.taskUuid, task);
    bySubscriptionKey.set(task.subscriptionKey, task);
    return task;
  };
  const fileHost = createFileHost({
    secret,
    now,
    urlTtlMs: options.urlTtlMs ?? DEFAULT_URL_TTL_MS,
    redirectDownloads: options.redirectDownloads ?? false,
    origin: () => origin,
    hasTask: (taskUuid) => tasks.has(taskUuid),
  });
  const generations = createSimGenerations({
    now,
    addTask,
    ...(options.balance !== undefined ? { balance: options.balance } : {}),
    ...(options.parallelismLimit !== undefined ? { parallelismLimit: options.parallelismLimit } : {}),
  });

  async function handle(req: IncomingMessage, res: ServerResponse, entry: SimRequest): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isApi = url.pathname.startsWith('/api/');
    const path = entry.path;
    const fault = faults.take(path, isApi);

    if (fault?.kind === 'slow') {
      await slowAnswers.wait(fault.delayMs, res);
      if (res.destroyed || res.writableEnded) return;
    } else if (fault) {
      return sendFault(res, fault, req.method === 'GET' ? 200 : 201);
    }

    if (!isApi) return fileHost.serve(req, res, url);
    if (!isAuthorized(req, apiKey)) return sendJson(res, 401, UNAUTHORIZED_BODY);

    try {
      switch (`${req.method ?? 'GET'} ${path}`) {
        case 'POST /v2/status':
          return sendJson(res, 201, statusBody(await readJson(req)));
        case 'POST /v2/download':
          return sendJson(res, 201, downloadBody(await readJson(req)));
        case 'GET /v2/check_balance':
          return sendJson(res, 200, { balance: generations.balance() });
        case 'POST /v2/rodin':
          return sendJson(res, 201, await generations.submit(req));
        default:
          if (API_PATHS.includes(path)) {
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
    const list = isSimTaskDone(task, now()) ? fileHost.list(task.taskUuid).concat(task.extraDownloads) : [];
    return { list };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.startsWith('/api/') ? url.pathname.slice('/api'.length) : url.pathname;
    const entry: SimRequest = { path, at: now(), status: 0 };
    log.push(entry);
    logStatusOf(res, entry);
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
    setFault: (fault) => faults.set(fault),
    requests: () => log.map((r) => ({ ...r })),
    submissions: () => generations.submissions(),
    balance: () => generations.balance(),
    setBalance: (credits) => generations.setBalance(credits),
    setGenerationScript: (script) => generations.setScript(script),
    async stop() {
      slowAnswers.releaseAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function isAuthorized(req: IncomingMessage, apiKey: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1].trim());
  const expected = Buffer.from(apiKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
