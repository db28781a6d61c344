// A seeded, generated workload of Rodin tasks (one shared queue, then generation per tier) and the status answers it
// implies.
import type { StatusResult } from '../src/core/rodin/types';

export interface WorkloadOptions {
  seed?: number;
  tasks?: number;
  /** Tasks are submitted over this long (Poisson-like arrivals). */
  arrivalSpreadMs?: number;
  /** Spread of generation times around the tier's typical value (sigma of a log-normal). */
  generationSigma?: number;
  start?: number;
}

export interface WorkloadTask {
  subscriptionKey: string;
  tier: string;
  /** Submitted from the app's form (tier known, added at once) rather than pasted later (tier unknown). */
  tierKnown: boolean;
  submittedAt: number;
  addedAt: number;
  queueMs: number;
  queueLength: number;
  generateMs: number;
  outcome: 'Done' | 'Failed';
  /** When the task's final status becomes visible to a status call. */
  finishAt: number;
  jobs: number;
}

/** Typical generation times (docs/rodin-api.md), plus a Gen-2.5 tier the docs only say "varies" for. */
export const WORKLOAD_TIERS: readonly { tier: string; typicalMs: number; share: number }[] = [
  { tier: 'Sketch', typicalMs: 20_000, share: 0.25 },
  { tier: 'Regular', typicalMs: 70_000, share: 0.4 },
  { tier: 'Gen-2', typicalMs: 90_000, share: 0.25 },
  { tier: 'Gen-2.5-Medium', typicalMs: 120_000, share: 0.1 },
];

export const WORKLOAD_DEFAULTS = {
  seed: 20240601,
  tasks: 200,
  arrivalSpreadMs: 60 * 60_000,
  generationSigma: 0.15,
  start: 1_700_000_000_000,
  /** Share of tasks pasted by hand (tier unknown, added some time after submission). */
  pastedShare: 0.4,
  /** Share of tasks that fail part-way. */
  failureShare: 0.025,
  /** Share with an unusually long generation (a slow GPU, a retry inside the service). */
  slowShare: 0.02,
};

/** mulberry32: small, fast, good enough for a reproducible workload. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function createWorkload(options: WorkloadOptions = {}): WorkloadTask[] {
  const seed = options.seed ?? WORKLOAD_DEFAULTS.seed;
  const count = options.tasks ?? WORKLOAD_DEFAULTS.tasks;
  const spread = options.arrivalSpreadMs ?? WORKLOAD_DEFAULTS.arrivalSpreadMs;
  const sigma = options.generationSigma ?? WORKLOAD_DEFAULTS.generationSigma;
  const start = options.start ?? WORKLOAD_DEFAULTS.start;
  const random = createRandom(seed);
  const arrivals = Array.from({ length: count }, () => start + Math.round(random() * spread)).sort((a, b) => a - b);
  const queue = createServiceQueue(createRandom(seed ^ 0x5eed), start, spread);
  let previousExit = -Infinity;

  return arrivals.map((submittedAt, i) => {
    let pick = random();
    const tierSpec = WORKLOAD_TIERS.find((t) => (pick -= t.share) < 0) ?? WORKLOAD_TIERS[0]!;
    // Drawn as before the queue was shared (and unused now), so tiers, durations and pasting stay those of each seed.
    random();
    random();
    random();
    // Every task waits in the account's one queue, first in, first out: its wait is the queue's when it was submitted.
    const exit = Math.max(previousExit, submittedAt + queue.waitAt(submittedAt) + Math.round(random() * 3_000));
    previousExit = exit;
    const queueMs = exit - submittedAt;
    const queueLength = queueMs >= QUEUED_FROM_MS ? Math.max(1, Math.round(queueMs / queue.paceAt(submittedAt))) : 0;
    let generateMs = tierSpec.typicalMs * Math.exp(sigma * gaussian(random));
    if (random() < WORKLOAD_DEFAULTS.slowShare) generateMs *= 2 + random() * 2;
    generateMs = Math.round(generateMs);
    const fails = random() < WORKLOAD_DEFAULTS.failureShare;
    const failAfter = Math.round(random() * generateMs);
    const pasted = random() < WORKLOAD_DEFAULTS.pastedShare;
    // Pasted tasks arrive after submission: usually within a couple of minutes, now and then once already done.
    const pasteDelay = pasted ? Math.round(random() < 0.1 ? 200_000 + random() * 600_000 : random() * 90_000) : 0;
    return {
      subscriptionKey: `eyJhbGciOiJIUzI1NiJ9.eyJ0YXNrIjoi${i.toString(36).padStart(4, '0')}.sig${i}`,
      tier: tierSpec.tier,
      tierKnown: !pasted,
      submittedAt,
      addedAt: submittedAt + pasteDelay,
      queueMs,
      queueLength,
      generateMs,
      outcome: fails ? 'Failed' : 'Done',
      finishAt: submittedAt + queueMs + (fails ? failAfter : generateMs),
      jobs: 4,
    };
  });
}

/** A wait shorter than this starts at once (the status says Waiting without a queue position). */
const QUEUED_FROM_MS = 5_000;

/**
 * The service's queue as one account sees it: spells of a few minutes, each with its own backlog (about a third of
 * them empty, the rest a wait of 5-120 s) and pace (6-14 s a position). Between spells the wait changes gradually and
 * never drops faster than half a second per second, so tasks leave in the order they came (first in, first out).
 * The batch itself is taken to be small beside the service's whole traffic: it does not lengthen its own queue.
 */
function createServiceQueue(random: () => number, start: number, spread: number) {
  const spells: { from: number; waitMs: number; paceMs: number }[] = [];
  for (let at = start - 5 * 60_000; at <= start + spread + 5 * 60_000; at += 60_000 + random() * 300_000) {
    const waitMs = random() < 0.3 ? 0 : 5_000 + random() * 115_000;
    spells.push({ from: at, waitMs, paceMs: 6_000 + random() * 8_000 });
  }
  const spellAt = (t: number) => {
    let i = 0;
    while (i + 1 < spells.length && spells[i + 1]!.from <= t) i++;
    return i;
  };
  return {
    waitAt(t: number): number {
      const i = spellAt(t);
      const spell = spells[i]!;
      const before = spells[i - 1]?.waitMs ?? spell.waitMs;
      // Growing is quick (others submit a batch); draining is at most 0.5 s per s.
      const changeMs = before > spell.waitMs ? 2 * (before - spell.waitMs) : 20_000;
      const share = Math.min(1, (t - spell.from) / changeMs);
      return Math.round(before + (spell.waitMs - before) * share);
    },
    paceAt: (t: number) => spells[spellAt(t)]!.paceMs,
  };
}

/** What POST /v2/status answers for this task at time `at`. */
export function statusAt(task: WorkloadTask, at: number): StatusResult {
  const elapsed = at - task.submittedAt;
  const uuids = Array.from({ length: task.jobs }, (_, i) => `${task.subscriptionKey.slice(-6)}-job-${i}`);
  if (at >= task.finishAt) {
    return {
      jobs: uuids.map((uuid, i) => ({ uuid, status: task.outcome === 'Failed' && i === 0 ? 'Failed' : 'Done' })),
    };
  }
  if (elapsed < task.queueMs) {
    const queueLength = Math.max(1, Math.ceil((task.queueLength * (task.queueMs - elapsed)) / task.queueMs));
    return { jobs: uuids.map((uuid) => ({ uuid, status: 'Waiting', queueLength })) };
  }
  return { jobs: uuids.map((uuid) => ({ uuid, status: 'Generating' })) };
}
