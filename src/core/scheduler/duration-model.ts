// Learns how long generation takes (per tier) and how fast a queue moves, from tasks we watched to the end.

/** Typical generation times from the Rodin docs (docs/rodin-api.md); only a starting point until we have our own. */
export const TYPICAL_GENERATION_MS: Readonly<Record<string, number>> = {
  Sketch: 20_000,
  Regular: 70_000,
  Detail: 80_000,
  Smooth: 80_000,
  'Gen-2': 90_000,
};

/** Number of points a distribution is summarised to: enough for the policy, cheap to evaluate. */
export const QUANTILE_POINTS = 101;
/** Learned samples outweigh the prior completely once a tier has this many. */
const PRIOR_WEIGHT = 6;
const MAX_SAMPLES = 80;
/** Saved state may be old or hand-edited: a tier list beyond this is ignored rather than trusted. */
const MAX_SAVED_TIERS = 32;
const PRIOR_FACTORS = [0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1, 1.05, 1.1, 1.2, 1.3, 1.45, 1.6];
/** Seconds per queue position: a guess until queues have been observed. */
const PRIOR_QUEUE_MS_PER_POSITION = [4_000, 6_000, 8_000, 10_000, 12_000, 15_000, 20_000];
const ALL = '*';
/**
 * Each observed duration stands for a small log-normal spread around it (a kernel), so that a few samples with gaps
 * between them do not read as "nothing can finish here".
 */
const KERNEL_WIDTH = 0.03;
const KERNEL = [-1.5, -0.9, -0.45, 0, 0.45, 0.9, 1.5];

export interface DurationModel {
  /** A finished task's generation time (first Generating → Done), with its tier when known. */
  recordGeneration(tier: string | undefined, ms: number): void;
  /** How long one queue position took to clear, observed on a task that left the queue. */
  recordQueuePosition(ms: number): void;
  /** Ascending quantile points of the generation time for this tier (all tiers when unknown). */
  generationQuantiles(tier?: string): readonly number[];
  queueQuantiles(): readonly number[];
  /** The queue's pace has been observed often enough that the prior's guess no longer counts. */
  queuePaceLearned(): boolean;
  sampleCount(tier?: string): number;
  /** The recent samples as plain JSON, bounded per tier, so a restarted app polls as well as before. */
  toJSON(): DurationModelState;
}

/** What a model keeps across restarts: recent generation times per tier ("*" = all tiers) and queue pace. */
export interface DurationModelState {
  generation: Record<string, number[]>;
  queue: number[];
}

/** Starts from a saved state when it is given; anything unusable in it is ignored, never an error. */
export function createDurationModel(saved?: unknown): DurationModel {
  const restored = parseDurationModelState(saved);
  const samples = new Map<string, number[]>(Object.entries(restored.generation));
  const queueSamples: number[] = restored.queue;
  const cache = new Map<string, readonly number[]>();
  let queueCache: readonly number[] | undefined;

  const push = (list: number[], ms: number) => {
    list.push(ms);
    if (list.length > MAX_SAMPLES) list.shift();
  };

  return {
    recordGeneration(tier, ms) {
      if (!Number.isFinite(ms) || ms <= 0) return;
      for (const key of tier ? [tier, ALL] : [ALL]) {
        const list = samples.get(key) ?? [];
        push(list, ms);
        samples.set(key, list);
        cache.delete(key);
      }
    },
    recordQueuePosition(ms) {
      if (!Number.isFinite(ms) || ms <= 0) return;
      push(queueSamples, ms);
      queueCache = undefined;
    },
    generationQuantiles(tier) {
      const key = tier && samples.has(tier) ? tier : tier && TYPICAL_GENERATION_MS[tier] ? tier : ALL;
      let points = cache.get(key);
      if (!points) {
        points = blend(samples.get(key) ?? [], priorFor(key));
        cache.set(key, points);
      }
      return points;
    },
    queueQuantiles() {
      queueCache ??= blend(queueSamples, PRIOR_QUEUE_MS_PER_POSITION);
      return queueCache;
    },
    queuePaceLearned: () => queueSamples.length >= PRIOR_WEIGHT,
    sampleCount: (tier) => samples.get(tier ?? ALL)?.length ?? 0,
    toJSON: () => ({
      generation: Object.fromEntries([...samples].map(([k, v]) => [k, [...v]])),
      queue: [...queueSamples],
    }),
  };
}

/** Keeps the usable part of a saved state: positive finite samples, the newest MAX_SAMPLES of each list. */
export function parseDurationModelState(value: unknown): DurationModelState {
  const state: DurationModelState = { generation: {}, queue: [] };
  if (!isRecord(value)) return state;
  if (isRecord(value.generation)) {
    for (const [tier, list] of Object.entries(value.generation).slice(0, MAX_SAVED_TIERS)) {
      const kept = validSamples(list);
      if (tier.length > 0 && kept.length > 0) state.generation[tier] = kept;
    }
  }
  state.queue = validSamples(value.queue);
  return state;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validSamples(list: unknown): number[] {
  if (!Array.isArray(list)) return [];
  return list.filter((ms): ms is number => typeof ms === 'number' && Number.isFinite(ms) && ms > 0).slice(-MAX_SAMPLES);
}

function priorFor(key: string): number[] {
  const typical = TYPICAL_GENERATION_MS[key];
  const bases = typical ? [typical] : Object.values(TYPICAL_GENERATION_MS);
  return bases.flatMap((base) => PRIOR_FACTORS.map((f) => base * f));
}

/** Quantile points of learned samples mixed with the prior, the prior fading out as samples accumulate. */
function blend(learned: readonly number[], prior: readonly number[]): readonly number[] {
  const priorWeight = Math.max(0, PRIOR_WEIGHT - learned.length) / PRIOR_WEIGHT;
  const weighted: { value: number; weight: number }[] = [
    ...learned.flatMap((value) =>
      KERNEL.map((z) => ({
        value: value * Math.exp(KERNEL_WIDTH * z),
        weight: 1 / Math.max(1, learned.length) / KERNEL.length,
      })),
    ),
    ...prior.map((value) => ({ value, weight: priorWeight / prior.length })),
  ];
  if (learned.length > 0) {
    const learnedShare = 1 - priorWeight;
    for (const w of weighted.slice(0, learned.length * KERNEL.length)) w.weight *= learnedShare;
  }
  return weightedQuantiles(weighted, QUANTILE_POINTS);
}

/** `count` points at evenly spaced probabilities from 0 to 1 (the first is the minimum, the last the maximum). */
export function weightedQuantiles(values: { value: number; weight: number }[], count: number): readonly number[] {
  const sorted = values.filter((v) => v.weight > 0).sort((a, b) => a.value - b.value);
  if (sorted.length === 0) return [];
  const total = sorted.reduce((sum, v) => sum + v.weight, 0);
  const points: number[] = [];
  for (let k = 0; k < count; k++) {
    const target = (k / (count - 1)) * total;
    let acc = 0;
    let value = sorted[sorted.length - 1]!.value;
    for (const v of sorted) {
      acc += v.weight;
      if (acc >= target - 1e-9) {
        value = v.value;
        break;
      }
    }
    points.push(value);
  }
  return Object.freeze(points);
}
