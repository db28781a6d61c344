// One scripted simulator task: its ids, its JWT-shaped subscription key and its job statuses at any moment.
import { createHmac, randomUUID } from 'node:crypto';

export interface SimTaskScript {
  /** Number of sub-jobs (geometry, texture, render…); default 4. */
  jobs?: number;
  /** Time spent Waiting in the queue; default 2 s. */
  queueMs?: number;
  /** queue_length reported at submission, counting down to 1 while waiting; 0 omits the field. Default 2. */
  queueLength?: number;
  /** Time from the end of queueing until the last job finishes; default 10 s. */
  generateMs?: number;
  /** The last job's final status: Done (default), Failed, Canceled, or any unknown status verbatim. */
  outcome?: 'Done' | 'Failed' | 'Canceled' | (string & {});
  label?: string;
  tier?: string;
  /** Entries appended verbatim to this task's download list: hostile ones (file: links, .exe names) for tests. */
  extraDownloads?: { name: string; url: string }[];
}

export interface SimGenerationResponse {
  uuid: string;
  jobs: { uuids: string[]; subscription_key: string };
  message: string;
  prompt?: string;
  submit_time: string;
}

export interface SimTask {
  taskUuid: string;
  subscriptionKey: string;
  jobUuids: string[];
  /** The JSON body POST /v2/rodin answers for this task (what a user would paste into the app). */
  generationResponse: SimGenerationResponse;
  label?: string;
  tier?: string;
  createdAt: number;
  script: Required<Omit<SimTaskScript, 'label' | 'tier' | 'extraDownloads'>>;
  extraDownloads: { name: string; url: string }[];
}

export interface SimJob {
  uuid: string;
  status: string;
  queue_length?: number;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A JWT-shaped key (header.payload.signature, base64url) like the real service issues. */
export function makeSubscriptionKey(taskUuid: string, issuedAt: number, secret: Buffer): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ sub: taskUuid, iat: Math.floor(issuedAt / 1000), iss: 'rodin-sim' }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export function createSimTask(script: SimTaskScript, createdAt: number, secret: Buffer): SimTask {
  const resolved = {
    jobs: Math.max(1, Math.floor(script.jobs ?? 4)),
    queueMs: Math.max(0, script.queueMs ?? 2_000),
    queueLength: Math.max(0, Math.floor(script.queueLength ?? 2)),
    generateMs: Math.max(0, script.generateMs ?? 10_000),
    outcome: script.outcome ?? 'Done',
  };
  const taskUuid = randomUUID();
  const jobUuids = Array.from({ length: resolved.jobs }, () => randomUUID());
  const subscriptionKey = makeSubscriptionKey(taskUuid, createdAt, secret);
  const generationResponse: SimGenerationResponse = {
    uuid: taskUuid,
    jobs: { uuids: jobUuids, subscription_key: subscriptionKey },
    message: 'Submitted.',
    ...(script.label ? { prompt: script.label } : {}),
    submit_time: new Date(createdAt).toISOString(),
  };
  return {
    taskUuid,
    subscriptionKey,
    jobUuids,
    generationResponse,
    ...(script.label ? { label: script.label } : {}),
    ...(script.tier ? { tier: script.tier } : {}),
    createdAt,
    script: resolved,
    extraDownloads: script.extraDownloads ?? [],
  };
}

/**
 * Job statuses at time `now`: all Waiting (queue_length counting down), then Generating with jobs finishing one
 * after another; the last job ends with the scripted outcome, the others with Done.
 */
export function jobsAt(task: SimTask, now: number): SimJob[] {
  const { queueMs, queueLength, generateMs, outcome } = task.script;
  const elapsed = now - task.createdAt;
  const count = task.jobUuids.length;
  return task.jobUuids.map((uuid, index) => {
    if (elapsed < queueMs) {
      if (queueLength === 0) return { uuid, status: 'Waiting' };
      const left = Math.max(1, Math.ceil((queueLength * (queueMs - elapsed)) / queueMs));
      return { uuid, status: 'Waiting', queue_length: left };
    }
    const finishAt = queueMs + (generateMs * (index + 1)) / count;
    if (elapsed < finishAt) return { uuid, status: 'Generating' };
    return { uuid, status: index === count - 1 ? outcome : 'Done' };
  });
}

/** True once every job shows Done: only then is the download list complete. */
export function isSimTaskDone(task: SimTask, now: number): boolean {
  return jobsAt(task, now).every((job) => job.status === 'Done');
}
