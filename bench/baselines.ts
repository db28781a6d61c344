// What the adaptive scheduler is measured against, on the same workload and the same request budget: round-robin
// polling, naive fixed 5 s polling (which ignores the budget), and an oracle that gives the best any scheduler could do.
import type { WorkloadTask } from './workload';

export const NAIVE_INTERVAL_MS = 5_000;
/** Round-robin never asks one task twice within this. */
const ROUND_ROBIN_FLOOR_MS = 5_000;
/** The paced budget the scheduler keeps (see src/core/scheduler/request-budget.ts): a 5 s burst, then evenly. */
const BURST_MS = 5_000;

/** Per task: status calls made, and how late its finish was seen (undefined when it was over before it was added). */
export interface PollOutcome {
  calls: number;
  latencyMs?: number;
}

/** Tasks whose finish can be watched: they were still running when added. */
export const isWatchable = (task: WorkloadTask) => task.finishAt > task.addedAt;

/** Naive polling: first call 5 s after the task is added, then every 5 s until a call sees it finished. */
export function naivePolling(task: WorkloadTask): { calls: number; latencyMs: number } {
  const sinceAdded = Math.max(0, task.finishAt - task.addedAt);
  const calls = Math.max(1, Math.ceil(sinceAdded / NAIVE_INTERVAL_MS));
  return { calls, latencyMs: task.addedAt + calls * NAIVE_INTERVAL_MS - task.finishAt };
}

/**
 * Round-robin under the budget: at every call the budget allows (one a second at 60/min), ask the active task asked
 * longest ago (never-asked first), never one asked within the last 5 s.
 */
export function roundRobinPolling(workload: readonly WorkloadTask[], budgetPerMinute: number): PollOutcome[] {
  const interval = 60_000 / budgetPerMinute;
  const outcomes: PollOutcome[] = workload.map(() => ({ calls: 0 }));
  const lastCall = workload.map(() => -Infinity);
  const seen = workload.map(() => false);
  let remaining = workload.length;
  const first = Math.min(...workload.map((t) => t.addedAt));
  for (let now = first; remaining > 0; now += interval) {
    let pick = -1;
    for (let i = 0; i < workload.length; i++) {
      if (seen[i] || workload[i]!.addedAt > now || now - lastCall[i]! < ROUND_ROBIN_FLOOR_MS) continue;
      if (pick < 0 || lastCall[i]! < lastCall[pick]!) pick = i;
    }
    if (pick < 0) continue;
    const task = workload[pick]!;
    lastCall[pick] = now;
    outcomes[pick]!.calls++;
    if (now >= task.finishAt) {
      seen[pick] = true;
      remaining--;
      if (isWatchable(task)) outcomes[pick]!.latencyMs = now - task.finishAt;
    }
  }
  return outcomes;
}

/**
 * Hindsight on the same calls: had each call of a run (at the times it was made) gone to the task whose finish has
 * waited longest unseen — and nowhere while none has — how late would finishes be seen? Its gap to the run is what
 * choosing the task cost; its gap to the one-call bound, what the timing and number of the calls cost. Tasks already
 * over when added take a call too, from when they are added; their latency is not counted.
 */
export function servedOldestFirst(workload: readonly WorkloadTask[], callTimes: readonly number[]): PollOutcome[] {
  const outcomes: PollOutcome[] = workload.map(() => ({ calls: 0 }));
  const order = workload
    .map((task, i) => ({ i, at: Math.max(task.finishAt, task.addedAt) }))
    .sort((a, b) => a.at - b.at);
  let next = 0;
  for (const now of callTimes) {
    const oldest = order[next];
    if (oldest === undefined || oldest.at > now) continue;
    next++;
    const task = workload[oldest.i]!;
    outcomes[oldest.i] = { calls: 1, ...(isWatchable(task) ? { latencyMs: now - task.finishAt } : {}) };
  }
  return outcomes;
}

/**
 * A lower bound on the p95 detection latency any scheduler can reach under the paced budget: every watched task needs
 * at least one call after its finish, and even an oracle that knows each finish and spends exactly that one call can
 * start no more calls than the budget allows. For a candidate latency L it serves finishes in order (earliest deadline
 * first, optimal for equal-cost calls whose deadlines come in release order) and gives up on a finish that can no longer
 * be seen within L; the smallest L that leaves at most 5 % given up (pooled over the workloads, each with its own
 * budget) is the bound.
 */
export function lowerBoundP95(workloads: readonly (readonly WorkloadTask[])[], budgetPerMinute: number): number {
  const runs = workloads.map((w) =>
    w
      .filter(isWatchable)
      .map((t) => t.finishAt)
      .sort((a, b) => a - b),
  );
  const total = runs.reduce((n, r) => n + r.length, 0);
  if (total === 0) return 0;
  const allowedLate = total - Math.ceil(0.95 * total);
  const lateCount = (limit: number) => {
    let late = 0;
    for (const finishes of runs) {
      if (finishes.length === 0) continue;
      const bucket = pacedBudget(budgetPerMinute, finishes[0]!);
      for (const finish of finishes) {
        const at = bucket.nextAt(finish);
        if (at - finish > limit) late++;
        else bucket.take(at);
      }
    }
    return late;
  };
  let lo = 0;
  let hi = 24 * 3600_000;
  while (hi - lo > 100) {
    const mid = (lo + hi) / 2;
    if (lateCount(mid) <= allowedLate) hi = mid;
    else lo = mid;
  }
  return lateCount(lo) <= allowedLate ? lo : hi;
}

/** Calls the paced budget allows at once (a full bucket). */
export function pacedBurst(budgetPerMinute: number): number {
  return Math.max(1, Math.floor((BURST_MS * budgetPerMinute) / 60_000));
}

/** The token bucket the scheduler's budget uses, full at `start`. */
export function pacedBudget(budgetPerMinute: number, start: number) {
  const perToken = 60_000 / budgetPerMinute;
  const burst = pacedBurst(budgetPerMinute);
  let tokens = burst;
  let at = start;
  const refill = (now: number) => {
    if (now > at) tokens = Math.min(burst, tokens + (now - at) / perToken);
    at = Math.max(at, now);
  };
  return {
    nextAt(now: number) {
      refill(now);
      return tokens >= 1 - 1e-9 ? at : at + (1 - tokens) * perToken;
    },
    take(now: number) {
      refill(now);
      tokens -= 1;
    },
  };
}
