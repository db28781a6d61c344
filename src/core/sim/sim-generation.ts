// The simulator's credits and /v2/rodin: a multipart request checked as the service checks it, the parallelism
// limit, the charge, and a new scripted task whose generation response is the answer.
import type { IncomingMessage } from 'node:http';
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
import { simulatedGenerateMs } from './scenarios';
import { jobsAt, type SimTask, type SimTaskScript } from './sim-task';
import { AppFailure, readBody } from './sim-http';

export interface SimSubmission {
  fields: Record<string, string>;
  files: { field: string; name: string; type: string; size: number }[];
}

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

export interface SimGenerations {
  /** Answers POST /v2/rodin: the new task's generation response, or an AppFailure saying why not. */
  submit(req: IncomingMessage): Promise<unknown>;
  submissions(): SimSubmission[];
  balance(): number;
  setBalance(credits: number): void;
  setScript(script: SimTaskScript): void;
}

export function createSimGenerations(deps: {
  now: () => number;
  addTask: (script: SimTaskScript) => SimTask;
  /** Default 212.5. */
  balance?: number;
  /** Default 10. */
  parallelismLimit?: number;
}): SimGenerations {
  const submissions: SimSubmission[] = [];
  const submitted = new Set<SimTask>();
  let credits = deps.balance ?? 212.5;
  let script: SimTaskScript = DEFAULT_GENERATION;

  /** A task whose jobs all ended (Done, Failed, Canceled or anything else) no longer counts against the limit. */
  const isOver = (task: SimTask): boolean =>
    jobsAt(task, deps.now()).every((job) => job.status !== 'Waiting' && job.status !== 'Generating');

  return {
    async submit(req) {
      const submission = await readSubmission(req);
      submissions.push(submission);
      const { fields } = submission;
      const { prompt, images, addons } = checkSubmission(submission);

      for (const task of submitted) if (isOver(task)) submitted.delete(task);
      if (submitted.size >= (deps.parallelismLimit ?? 10)) {
        throw new AppFailure('PARALLELISM_LIMIT_REACHED', 'Parallelism limit reached.');
      }
      const cost = estimateGenerationCost({ tier: fields.tier, addons: addons as string[] | undefined });
      if (credits < cost) throw new AppFailure('INSUFFICIENT_FUNDS', 'Insufficient funds.');
      credits -= cost;
      const task = deps.addTask({
        generateMs: simulatedGenerateMs(fields.tier),
        ...script,
        label: prompt ? prompt.slice(0, 60) : (images[0]?.name ?? 'Generation'),
        ...(fields.tier ? { tier: fields.tier } : {}),
      });
      submitted.add(task);
      return task.generationResponse;
    },
    submissions: () => submissions.map((s) => ({ fields: { ...s.fields }, files: [...s.files] })),
    balance: () => credits,
    setBalance(value) {
      credits = value;
    },
    setScript(next) {
      script = { ...DEFAULT_GENERATION, ...next };
    },
  };
}

/** The multipart form as sent: its text fields, and its files by field, name, type and size. */
async function readSubmission(req: IncomingMessage): Promise<SimSubmission> {
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
  return submission;
}

/** What the service refuses before charging anything, one AppFailure per kind of problem. */
function checkSubmission({ fields, files }: SimSubmission) {
  const images = files.filter((f) => f.field === 'images');
  const prompt = fields.prompt?.trim();
  if (images.length === 0 && !prompt) throw new AppFailure('INVALID_REQUEST', 'A prompt is required without images.');
  if (images.length > MAX_IMAGES) throw new AppFailure('INVALID_REQUEST', `At most ${MAX_IMAGES} images are allowed.`);
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
  return { prompt, images, addons };
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
