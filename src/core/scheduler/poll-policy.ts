// Pure: when should a task be asked about next? Rarely while a finish is unlikely, every few seconds when it is likely.
import type { Task } from '../tasks/task';
import { isFinished, queuePosition } from '../tasks/task';

/** Never two status calls for one subscription key closer than this, whatever the settings. */
export const MIN_POLL_GAP_MS = 2_000;
/** Long-running tasks stay watched, but no less often than this. */
export const MAX_POLL_GAP_MS = 5 * 60_000;

export interface PollTuning {
  /** Gap between polls while a finish is likely; it bounds the detection latency for most tasks. */
  denseGapMs: number;
  /** Chance of a finish we accept inside one longer (sparse) gap. */
  sparseRisk: number;
  /** In a queue, ask again after this fraction of the remaining wait... */
  queueCheckFraction: number;
  /**
   * ...taken at this quantile of the learned pace (high: once even a slow queue would be through, so a long queue is
   * not asked about position by position), to see generation start. Until the pace is learned, at the median.
   */
  queueCheckQuantile: number;
  /** First check of a task we just submitted ourselves (it cannot be done yet). */
  firstCheckNewMs: number;
  /**
   * Overdue tasks (beyond everything the model expects) are mostly just slow (a retry inside the service, a slow GPU)
   * and finish soon after: keep the dense gap for this share of the longest expected duration past it...
   */
  overdueDenseShare: number;
  /** ...then let the gap grow by this fraction of the further overrun. */
  overdueGrowth: number;
  /**
   * The longest gap while a finish is expected or overdue by less than `longGapsAfterMs`: it bounds how late any finish
   * is seen while the budget is free, failures (which come at any moment) included, and while the budget binds but
   * could still ask every task this often (starvation-guard.ts).
   */
  longestGapMs: number;
  /** A task overdue by this much is stuck or very slow: only then may its gaps grow beyond `longestGapMs`. */
  longGapsAfterMs: number;
  /**
   * A finish this close before a longer gap ends is still seen as quickly as one in the dense cadence, so it does not
   * count against `sparseRisk`: a jump may reach this far past the point where a finish becomes plausible.
   */
  graceMs: number;
  /**
   * 1: judge a gap's risk given that the task has not finished yet; 0: as a share of all the task's finishes, which
   * spends the latency budget where it saves the most calls (the wide, unlikely tails).
   */
  conditioning: number;
}

export const DEFAULT_POLL_TUNING: PollTuning = {
  denseGapMs: 5_900,
  sparseRisk: 0.01,
  queueCheckFraction: 1.2,
  queueCheckQuantile: 1,
  firstCheckNewMs: 5_000,
  overdueDenseShare: 1.5,
  overdueGrowth: 0.25,
  longestGapMs: 30_000,
  longGapsAfterMs: 10 * 60_000,
  graceMs: 5_500,
  conditioning: 1,
};

export interface PollPolicyInput {
  now: number;
  task: Pick<Task, 'state' | 'jobs' | 'addedAt' | 'submittedAt' | 'tier' | 'generatingSince' | 'lastPolledAt'>;
  /** Last time we saw the task not yet generating: generation started after this. */
  lastSeenWaitingAt?: number;
  /** The queue position we saw then, if any: generation started about that many positions' time later. */
  lastSeenQueueLength?: number;
  /** Ascending quantile points of the generation time (ms) for this task's tier. */
  generationQuantiles: readonly number[];
  /** Ascending quantile points of the time one queue position takes to clear (ms). */
  queueQuantiles: readonly number[];
  /** The queue's pace comes from observations, not from the prior's guess. */
  queuePaceLearned?: boolean;
  tuning?: Partial<PollTuning>;
}

/** Milliseconds from `now` until the next status call; Infinity for finished tasks. */
export function nextPollDelay(input: PollPolicyInput): number {
  const tuning = { ...DEFAULT_POLL_TUNING, ...input.tuning };
  const { task, now } = input;
  if (isFinished(task.state)) return Infinity;
  if (task.lastPolledAt === undefined) {
    // Ours and just submitted: it cannot be done yet. Pasted: it may be old, and possibly done, so look now.
    const fresh = task.submittedAt !== undefined || task.tier !== undefined;
    const due = fresh ? task.addedAt + tuning.firstCheckNewMs : task.addedAt;
    return Math.min(MAX_POLL_GAP_MS, Math.max(0, due - now));
  }
  const { cdf, overdueFrom, longest } = finishDistribution(input);
  const gap = gapFromCdf(cdf, now, tuning, overdueFrom, longest);
  if (task.state === 'generating' && task.generatingSince !== undefined) return gap;
  // Waiting (or an unknown status): seeing generation start early narrows the finish window far more than one call
  // costs.
  const queueRemaining = remainingQueue(input);
  // A guessed pace (4-20 s a position) is too wide to wait for its slow end: until it is learned, ask at its median.
  const [fraction, quantile] = input.queuePaceLearned
    ? [tuning.queueCheckFraction, tuning.queueCheckQuantile]
    : [1, 0.5];
  const catchStart = Math.max(tuning.denseGapMs, fraction * quantileOf(queueRemaining, quantile));
  return Math.min(gap, clampGap(catchStart, tuning.longestGapMs));
}

/** What is known about when a task finishes: P(finished by t), and from when on it counts as overdue. */
export interface FinishDistribution {
  cdf: (t: number) => number;
  /** Beyond `overdueFrom + longest` the model expected every finish. */
  overdueFrom: number;
  longest: number;
}

/** The finish time of an unfinished task, from its state, queue position, tier and the learned durations. */
export function finishDistribution(input: Omit<PollPolicyInput, 'tuning'>): FinishDistribution {
  const { task } = input;
  const gen = input.generationQuantiles.length > 0 ? input.generationQuantiles : [60_000];
  const longestGeneration = gen[gen.length - 1]!;
  if (task.state === 'generating' && task.generatingSince !== undefined) {
    const seenAt = task.generatingSince;
    // Generation began between the last "not yet" and the first "generating"; for a task first seen generating
    // we do not know, so allow anything up to a long generation before.
    const notBefore = input.lastSeenWaitingAt ?? task.submittedAt ?? seenAt - longestGeneration;
    const startLo = Math.min(seenAt, notBefore);
    const queue = queueQuantilesOf(input);
    const startWeights = startWindowWeights(startLo, seenAt, input.lastSeenWaitingAt, input.lastSeenQueueLength, queue);
    return {
      cdf: (t: number) => generatingCdf(t, startLo, seenAt, gen, startWeights),
      overdueFrom: startLo,
      longest: longestGeneration,
    };
  }
  // Waiting (or an unknown status): finish = remaining queue + a whole generation, counted from the last look (or
  // from when the task was added, before any look).
  const queueRemaining = remainingQueue(input);
  const from = task.lastPolledAt ?? task.submittedAt ?? task.addedAt;
  return {
    cdf: (t: number) => waitingCdf(t - from, queueRemaining, gen),
    overdueFrom: from,
    longest: longestGeneration + queueRemaining[queueRemaining.length - 1]!,
  };
}

function queueQuantilesOf(input: Pick<PollPolicyInput, 'queueQuantiles'>): readonly number[] {
  return input.queueQuantiles.length > 0 ? input.queueQuantiles : [10_000];
}

/** Quantile points of the queue wait still ahead of a waiting task, from its last known position. */
function remainingQueue(input: Pick<PollPolicyInput, 'task' | 'queueQuantiles'>): number[] {
  const position = queuePosition(input.task.jobs);
  return queueQuantilesOf(input).map((perPosition) => perPosition * (position ?? 1.5));
}

/**
 * The longest gap whose chance of holding a finish seen too late (given no finish yet) stays under `sparseRisk`,
 * but never shorter than the dense gap: polling faster than that buys latency nobody asked for.
 */
function gapFromCdf(
  cdf: (t: number) => number,
  now: number,
  tuning: PollTuning,
  overdueFrom: number,
  longest: number,
): number {
  const before = cdf(now);
  const remaining = 1 - before;
  if (remaining < 1e-3) {
    // Past anything the model expected: most such tasks are merely slow and finish soon, so stay close for a
    // while, then keep watching less and less often.
    const overdue = now - (overdueFrom + longest);
    const overrun = Math.max(0, overdue - longest * tuning.overdueDenseShare);
    const longestGap = overdue > tuning.longGapsAfterMs ? MAX_POLL_GAP_MS : tuning.longestGapMs;
    return clampGap(tuning.denseGapMs + overrun * tuning.overdueGrowth, longestGap);
  }
  const scale = remaining ** tuning.conditioning;
  // A finish is likely within the dense gap itself: no jump.
  if ((cdf(now + tuning.denseGapMs) - before) / scale > tuning.sparseRisk)
    return clampGap(tuning.denseGapMs, tuning.longestGapMs);
  // Only finishes more than the grace before the next call are seen late.
  const grace = Math.min(tuning.graceMs, tuning.denseGapMs);
  const risk = (gap: number) => (cdf(now + gap - grace) - before) / scale;
  let lo = tuning.denseGapMs;
  let hi = Math.max(lo, tuning.longestGapMs);
  if (risk(hi) <= tuning.sparseRisk) return clampGap(hi, tuning.longestGapMs);
  for (let i = 0; i < 24 && hi - lo > 250; i++) {
    const mid = (lo + hi) / 2;
    if (risk(mid) <= tuning.sparseRisk) lo = mid;
    else hi = mid;
  }
  return clampGap(lo, tuning.longestGapMs);
}

/**
 * P(finish ≤ t) when generation started in [startLo, startHi] (spread as `weights` over equal slices, uniform
 * without them) and lasts as the quantiles say.
 */
function generatingCdf(
  t: number,
  startLo: number,
  startHi: number,
  gen: readonly number[],
  weights: readonly number[] | undefined,
): number {
  if (startHi - startLo < 1_000) return quantileCdf(gen, t - startHi);
  const steps = weights?.length ?? START_SLICES;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const start = startLo + ((i + 0.5) / steps) * (startHi - startLo);
    sum += (weights ? weights[i]! : 1 / steps) * quantileCdf(gen, t - start);
  }
  return sum;
}

const START_SLICES = 8;
/** Share of the start window kept uniform, in case the queue moved unlike anything learned. */
const START_UNIFORM_SHARE = 0.05;

/**
 * Where in [startLo, startHi] generation most likely began, given the queue position last seen at `waitingAt`: that
 * many positions' time later. Undefined (uniform) when the queue position is unknown.
 */
function startWindowWeights(
  startLo: number,
  startHi: number,
  waitingAt: number | undefined,
  queueLength: number | undefined,
  perPosition: readonly number[],
): number[] | undefined {
  if (waitingAt === undefined || queueLength === undefined || queueLength < 1) return undefined;
  if (startHi - startLo < 1_000) return undefined;
  const remaining = perPosition.map((ms) => ms * queueLength);
  const queueCdf = (at: number) => quantileCdf(remaining, at - waitingAt);
  const slice = (startHi - startLo) / START_SLICES;
  const raw = Array.from(
    { length: START_SLICES },
    (_, i) => queueCdf(startLo + (i + 1) * slice) - queueCdf(startLo + i * slice),
  );
  const total = raw.reduce((a, b) => a + b, 0);
  if (total <= 1e-9) return undefined;
  return raw.map((w) => (1 - START_UNIFORM_SHARE) * (w / total) + START_UNIFORM_SHARE / START_SLICES);
}

/** P(queue wait + generation ≤ x), the queue wait given by its own quantile points. */
function waitingCdf(x: number, queueRemaining: readonly number[], gen: readonly number[]): number {
  let sum = 0;
  for (const q of queueRemaining) sum += quantileCdf(gen, x - q);
  return sum / queueRemaining.length;
}

/** The CDF of a distribution given by ascending quantile points at evenly spaced probabilities, interpolated. */
export function quantileCdf(points: readonly number[], x: number): number {
  const n = points.length;
  if (n === 0) return 0;
  if (x < points[0]!) return 0;
  if (x >= points[n - 1]!) return 1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const a = points[lo]!;
  const b = points[hi]!;
  const within = b > a ? (x - a) / (b - a) : 1;
  return (lo + within) / (n - 1);
}

/** The value at probability `p` of ascending quantile points. */
function quantileOf(points: readonly number[], p: number): number {
  if (points.length === 0) return 0;
  const at = Math.min(1, Math.max(0, p)) * (points.length - 1);
  const i = Math.floor(at);
  const a = points[i]!;
  const b = points[Math.min(points.length - 1, i + 1)]!;
  return a + (b - a) * (at - i);
}

function clampGap(ms: number, longest = MAX_POLL_GAP_MS): number {
  return Math.min(longest, MAX_POLL_GAP_MS, Math.max(MIN_POLL_GAP_MS, ms));
}
