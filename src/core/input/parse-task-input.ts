// Turns pasted text (generation responses, subscription keys, CLI flags, rodin-tray:// links) into tasks to watch.
import { stripControlCharacters } from '../text/plain-text';
import type { TaskInput } from '../tasks/task';
import { findJwtLikeTokens, hasJwtHeader, isJwtShape } from './jwt-shape';

export interface ParsedTaskInput {
  tasks: TaskInput[];
  /** Sentences saying what was found but cannot be used, or why nothing was found. */
  rejected: string[];
}

/** Far above any real paste; beyond it the text is certainly not what the user meant to hand us. */
export const MAX_INPUT_CHARS = 10 * 1024 * 1024;
export const MAX_LABEL_CHARS = 80;

export const LONE_TASK_UUID_REASON =
  "A task UUID alone can't be watched: the status needs the subscription key (jobs.subscription_key of the generation response).";
const NOTHING_FOUND_REASON =
  'Nothing recognisable: paste a generation response (JSON with uuid and jobs.subscription_key) or a subscription key (starts with eyJ).';

const KEY_PATTERN = /^[A-Za-z0-9_.-]{8,4096}$/;
const TASK_UUID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

// Every regex below is a literal anchor followed by character classes whose boundaries cannot overlap, so each
// match attempt is bounded and the scans stay linear in the text length (no catastrophic backtracking).
const KEY_FIELD = /subscription(?:_key|Key)/g;
const KEY_FIELD_VALUE = /subscription(?:_key|Key)["']?\s*[:=]\s*["']?([A-Za-z0-9_.-]{8,4096})/y;
const CLI_FLAG = /--(key|task|subscription-key|task-uuid)(?:=|[ \t]+)["']?([A-Za-z0-9_.-]+)/g;
const LINK_PARAM = /[?&](key|task|subscription_key|task_uuid)=([A-Za-z0-9_.%-]+)/g;
/** JSON objects start with a quoted member name; anything else is not worth a JSON.parse. */
const JSON_OBJECT_START = /\{\s*(?:"|\})/y;
const UUID = /(?<![A-Za-z0-9_-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-])/gi;

/** Limits for walking parsed JSON, so a hostile paste cannot make us walk forever. */
const MAX_JSON_DEPTH = 8;
const MAX_JSON_NODES = 100_000;
const MAX_BRACE_DEPTH = 1_000;
/** JSON.parse failures throw, and throwing is slow: after this many, rely on the field pattern alone. */
const MAX_FAILED_PARSES = 200;

interface Found {
  pos: number;
  seq: number;
  input: TaskInput;
}

/** Collects tasks by subscription key; a key seen twice keeps its first position and gains any missing details. */
class Collector {
  private readonly byKey = new Map<string, Found>();
  private seq = 0;
  readonly accountedUuids = new Set<string>();

  add(pos: number, input: TaskInput): void {
    const existing = this.byKey.get(input.subscriptionKey);
    if (input.taskUuid) this.accountedUuids.add(input.taskUuid.toLowerCase());
    if (!existing) {
      this.byKey.set(input.subscriptionKey, { pos, seq: this.seq++, input: { ...input } });
      return;
    }
    const merged = existing.input;
    merged.taskUuid ??= input.taskUuid;
    merged.label ??= input.label;
    merged.tier ??= input.tier;
    if (pos < existing.pos) existing.pos = pos;
  }

  tasks(): TaskInput[] {
    return [...this.byKey.values()]
      .sort((a, b) => a.pos - b.pos || a.seq - b.seq)
      .map(({ input }) => {
        const out: TaskInput = { subscriptionKey: input.subscriptionKey };
        if (input.taskUuid) out.taskUuid = input.taskUuid;
        if (input.label) out.label = input.label;
        if (input.tier) out.tier = input.tier;
        return out;
      });
  }
}

/** A single line, no control characters, at most 80 characters: prompts can be long and arbitrary. */
export function cleanLabel(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Control characters become spaces (so words stay apart), then bidi overrides go too.
  const text = stripControlCharacters(
    value
      .slice(0, 4 * MAX_LABEL_CHARS)
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return undefined;
  const chars = [...text];
  if (chars.length <= MAX_LABEL_CHARS) return text;
  return `${chars
    .slice(0, MAX_LABEL_CHARS - 1)
    .join('')
    .trimEnd()}…`;
}

function plausibleKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim();
  return KEY_PATTERN.test(key) ? key : undefined;
}

function plausibleTaskUuid(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const uuid = value.trim();
  return TASK_UUID_PATTERN.test(uuid) ? uuid : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Recognises one object: a generation response, a status request body, or our own task JSON (camelCase). */
function taskFromObject(o: Record<string, unknown>, collector: Collector): TaskInput | undefined | 'invalid' {
  const label = cleanLabel(o.prompt) ?? cleanLabel(o.label);
  const tier = typeof o.tier === 'string' && o.tier.length <= 64 ? o.tier : undefined;
  let rawKey: unknown;
  let rawUuid: unknown;
  if (isRecord(o.jobs) && 'subscription_key' in o.jobs) {
    rawKey = o.jobs.subscription_key;
    rawUuid = o.uuid;
    if (Array.isArray(o.jobs.uuids)) {
      for (const job of o.jobs.uuids) if (typeof job === 'string') collector.accountedUuids.add(job.toLowerCase());
    }
  } else if ('subscription_key' in o) {
    rawKey = o.subscription_key;
    rawUuid = o.task_uuid ?? o.uuid;
  } else if ('subscriptionKey' in o) {
    rawKey = o.subscriptionKey;
    rawUuid = o.taskUuid;
  } else {
    return undefined;
  }
  const subscriptionKey = plausibleKey(rawKey);
  if (!subscriptionKey) return 'invalid';
  const input: TaskInput = { subscriptionKey };
  const taskUuid = plausibleTaskUuid(rawUuid);
  if (taskUuid) input.taskUuid = taskUuid;
  if (label) input.label = label;
  if (tier) input.tier = tier;
  return input;
}

/** Walks parsed JSON breadth-first within fixed limits; returns how many tasks it found. */
function collectFromJson(value: unknown, pos: number, collector: Collector, rejected: Set<string>): number {
  let found = 0;
  let visited = 0;
  const queue: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let i = 0; i < queue.length && visited < MAX_JSON_NODES; i++) {
    const { value: node, depth } = queue[i]!;
    visited++;
    if (depth > MAX_JSON_DEPTH) continue;
    if (Array.isArray(node)) {
      for (const item of node)
        if (typeof item === 'object' && item !== null) queue.push({ value: item, depth: depth + 1 });
      continue;
    }
    if (!isRecord(node)) continue;
    const task = taskFromObject(node, collector);
    if (task === 'invalid') {
      rejected.add('The JSON holds a subscription_key that is not a valid key.');
      continue;
    }
    if (task) {
      collector.add(pos, task);
      found++;
      continue;
    }
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) queue.push({ value: child, depth: depth + 1 });
    }
  }
  return found;
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Index of the first element ≥ value in a sorted array. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Range {
  start: number;
  end: number;
}

/** A membership test for sorted, disjoint ranges, prepared once so each lookup is a binary search. */
function rangeLookup(ranges: readonly Range[]): (pos: number) => boolean {
  const starts = ranges.map((r) => r.start);
  return (pos) => {
    const r = ranges[lowerBound(starts, pos + 1) - 1];
    return r !== undefined && pos < r.end;
  };
}

/**
 * Finds generation responses embedded in other text: pairs braces in one pass (ignoring string quoting, which
 * surrounding prose would confuse), keeps pairs that contain a `subscription_key`, and JSON-parses them outermost
 * first. Parsing is capped at a few times the text length, so the whole step stays linear.
 */
function collectEmbeddedJson(
  text: string,
  fieldPositions: readonly number[],
  collector: Collector,
  rejected: Set<string>,
): { parsed: Range[]; outer: Range[] } {
  const candidates: Range[] = [];
  const stack: number[] = [];
  let ignoredDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x7b /* { */) {
      if (stack.length >= MAX_BRACE_DEPTH) ignoredDepth++;
      else stack.push(i);
    } else if (ch === 0x7d /* } */) {
      if (ignoredDepth > 0) {
        ignoredDepth--;
        continue;
      }
      const start = stack.pop();
      if (start === undefined) continue;
      const next = fieldPositions[lowerBound(fieldPositions, start)];
      if (next !== undefined && next < i) candidates.push({ start, end: i + 1 });
    }
  }
  candidates.sort((a, b) => a.start - b.start);

  const parsed: Range[] = [];
  const outer: Range[] = [];
  let budget = 4 * text.length + 1_000_000;
  let failures = 0;
  let coveredUntil = -1;
  let outerUntil = -1;
  for (const c of candidates) {
    if (c.start >= outerUntil) {
      outer.push(c);
      outerUntil = c.end;
    }
    if (c.start < coveredUntil) continue;
    const length = c.end - c.start;
    if (length > budget || failures >= MAX_FAILED_PARSES) continue;
    JSON_OBJECT_START.lastIndex = c.start;
    if (!JSON_OBJECT_START.test(text)) continue;
    budget -= length;
    const result = tryParseJson(text.slice(c.start, c.end));
    if (!result.ok) {
      failures++;
      continue;
    }
    collectFromJson(result.value, c.start, collector, rejected);
    parsed.push(c);
    coveredUntil = c.end;
  }
  return { parsed, outer };
}

/** `--key K --task U` (CLI) and `key=K&task=U` (links): a task pairs with the key next to it. */
function collectFlags(text: string, collector: Collector, rejected: Set<string>): void {
  const events: { pos: number; kind: 'key' | 'task'; value: string }[] = [];
  for (const m of text.matchAll(CLI_FLAG)) {
    const name = m[1]!;
    events.push({ pos: m.index, kind: name.includes('key') ? 'key' : 'task', value: m[2]! });
  }
  for (const m of text.matchAll(LINK_PARAM)) {
    const name = m[1]!;
    let value = m[2]!;
    try {
      value = decodeURIComponent(value);
    } catch {
      continue;
    }
    events.push({ pos: m.index, kind: name.includes('key') ? 'key' : 'task', value });
  }
  events.sort((a, b) => a.pos - b.pos);

  let current: { pos: number; input: TaskInput } | undefined;
  let pendingTask: string | undefined;
  const flush = () => {
    if (current) collector.add(current.pos, current.input);
    current = undefined;
  };
  for (const e of events) {
    if (e.kind === 'key') {
      flush();
      const subscriptionKey = plausibleKey(e.value);
      if (!subscriptionKey) {
        rejected.add('A --key value is not a valid subscription key.');
        pendingTask = undefined;
        continue;
      }
      current = { pos: e.pos, input: { subscriptionKey } };
      if (pendingTask) current.input.taskUuid = pendingTask;
      pendingTask = undefined;
      continue;
    }
    const taskUuid = plausibleTaskUuid(e.value);
    if (!taskUuid) {
      rejected.add('A --task value is not a valid task UUID.');
      continue;
    }
    if (current && !current.input.taskUuid) {
      current.input.taskUuid = taskUuid;
      collector.accountedUuids.add(taskUuid.toLowerCase());
    } else {
      if (pendingTask) rejected.add(LONE_TASK_UUID_REASON);
      pendingTask = taskUuid;
    }
  }
  flush();
  if (pendingTask) rejected.add(LONE_TASK_UUID_REASON);
}

/** Bare subscription keys anywhere in the text. */
function collectBareKeys(text: string, collector: Collector, rejected: Set<string>): void {
  for (const token of findJwtLikeTokens(text)) {
    if (!hasJwtHeader(token)) continue;
    if (isJwtShape(token) && KEY_PATTERN.test(token.token)) {
      collector.add(token.start, { subscriptionKey: token.token });
    } else {
      rejected.add('A subscription key looks cut off (a key has three parts separated by dots): copy it whole.');
    }
  }
}

/**
 * Reads any text a user might paste and returns the tasks in it, in order of appearance, without duplicates.
 * Nothing in the text is ever evaluated: JSON.parse and fixed patterns only.
 */
export function parseTaskInput(text: string): ParsedTaskInput {
  if (typeof text !== 'string' || text.trim().length === 0) {
    return { tasks: [], rejected: ['The text is empty: paste a generation response or a subscription key.'] };
  }
  if (text.length > MAX_INPUT_CHARS) {
    const mb = (text.length / (1024 * 1024)).toFixed(1);
    return {
      tasks: [],
      rejected: [
        `The text is too long (${mb} MB, at most ${MAX_INPUT_CHARS / (1024 * 1024)} MB): paste only the generation response or the subscription key.`,
      ],
    };
  }
  const collector = new Collector();
  const rejected = new Set<string>();

  const fieldPositions = [...text.matchAll(KEY_FIELD)].map((m) => m.index);
  let parsedRanges: Range[] = [];
  let jsonRanges: Range[] = [];
  if (fieldPositions.length > 0) {
    const trimmed = text.trim();
    const whole = /^[[{]/.test(trimmed) ? tryParseJson(trimmed) : { ok: false as const };
    if (whole.ok) {
      collectFromJson(whole.value, 0, collector, rejected);
      parsedRanges = jsonRanges = [{ start: 0, end: text.length }];
    } else {
      const embedded = collectEmbeddedJson(text, fieldPositions, collector, rejected);
      parsedRanges = embedded.parsed;
      jsonRanges = embedded.outer;
    }
    // Fields outside any parseable JSON (a Python dict, a truncated response, a log line): take the value alone.
    const inParsedJson = rangeLookup(parsedRanges);
    for (const pos of fieldPositions) {
      if (inParsedJson(pos)) continue;
      KEY_FIELD_VALUE.lastIndex = pos;
      const m = KEY_FIELD_VALUE.exec(text);
      if (m?.[1]) collector.add(pos, { subscriptionKey: m[1] });
    }
  }

  collectFlags(text, collector, rejected);
  collectBareKeys(text, collector, rejected);

  const tasks = collector.tasks();
  const inJson = rangeLookup(jsonRanges);
  for (const m of text.matchAll(UUID)) {
    if (collector.accountedUuids.has(m[0].toLowerCase()) || inJson(m.index)) continue;
    rejected.add(LONE_TASK_UUID_REASON);
    break;
  }
  if (tasks.length === 0 && rejected.size === 0) rejected.add(NOTHING_FOUND_REASON);
  return { tasks, rejected: [...rejected] };
}

/**
 * Reads a `rodin-tray://add?key=…&task=…&label=…` link (from a browser or a script). Keys and tasks pair by
 * position; anything else about the link is refused with a reason.
 */
/** A link can come from any web page: it may offer a few tasks, never a flood. */
export const MAX_LINK_TASKS = 20;

export function parseTaskLink(url: string): ParsedTaskInput {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { tasks: [], rejected: ['The link is not a valid URL.'] };
  }
  if (parsed.protocol !== 'rodin-tray:') {
    return { tasks: [], rejected: ['Only rodin-tray:// links can add tasks.'] };
  }
  const action = `${parsed.hostname}${parsed.pathname}`.replace(/^\/+|\/+$/g, '').toLowerCase();
  if (action !== 'add') {
    return {
      tasks: [],
      rejected: [`The link asks for "${action.slice(0, 40)}", but only rodin-tray://add is supported.`],
    };
  }
  const params = parsed.searchParams;
  const keys = [...params.getAll('key'), ...params.getAll('subscription_key')];
  const taskUuids = [...params.getAll('task'), ...params.getAll('task_uuid')];
  const labels = params.getAll('label');
  const tasks: TaskInput[] = [];
  const rejected = new Set<string>();
  const seen = new Set<string>();
  keys.forEach((rawKey, i) => {
    const subscriptionKey = plausibleKey(rawKey);
    if (!subscriptionKey) {
      rejected.add('The link holds a key that is not a valid subscription key.');
      return;
    }
    if (seen.has(subscriptionKey)) return;
    seen.add(subscriptionKey);
    if (tasks.length >= MAX_LINK_TASKS) {
      rejected.add(`The link holds more than ${MAX_LINK_TASKS} tasks; only the first ${MAX_LINK_TASKS} were offered.`);
      return;
    }
    const input: TaskInput = { subscriptionKey };
    const rawTask = taskUuids[i];
    if (rawTask !== undefined) {
      const taskUuid = plausibleTaskUuid(rawTask);
      if (taskUuid) input.taskUuid = taskUuid;
      else rejected.add('The link holds a task that is not a valid task UUID.');
    }
    const label = cleanLabel(labels[i]);
    if (label) input.label = label;
    tasks.push(input);
  });
  if (taskUuids.length > keys.length) rejected.add(LONE_TASK_UUID_REASON);
  if (keys.length === 0 && taskUuids.length === 0) rejected.add('The link holds no key= parameter.');
  return { tasks, rejected: [...rejected] };
}
