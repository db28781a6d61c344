// What more information would buy: a planner told each task's tier and the second its generation began (no client
// knows either for every task), spending the same paced budget earliest deadline first. Not a scheduler we could ship:
// a yardstick for the load targets.
import { isWatchable, pacedBudget } from './baselines';
import type { PollOutcome } from './baselines';
import { informedFinishWindow } from './informed-bound';
import { percentile } from './scheduler-bench';
import type { WorkloadTask } from './workload';

/** The plans tried; the best for each workload is kept (chosen in hindsight, generous to the planner). */
const REVISITS_MS = [
  ...Array.from({ length: 10 }, (_, i) => (i + 1) * 1_000),
  ...Array.from({ length: 10 }, (_, i) => 12_000 + i * 2_000),
  ...Array.from({ length: 6 }, (_, i) => 35_000 + i * 5_000),
];
const FIRST_SHARES = [0, 0.2, 0.4];

export interface InformedPlan {
  /** The first call comes this share into the task's likely finish window... */
  firstShare: number;
  /** ...plus this long; every call that finds the task unfinished is followed by another this long after. */
  revisitMs: number;
}

/**
 * Each task is first due `revisitMs` after the point `firstShare` into its likely finish window (see
 * informedFinishWindow), and again `revisitMs` after every call that finds it unfinished; each call the budget allows
 * goes to the task due longest.
 * A task already over when added is due at once (the planner is told that too). Failures and unusually slow
 * generations are not foreseen.
 */
export function informedPlanner(
  workload: readonly WorkloadTask[],
  budgetPerMinute: number,
  { firstShare, revisitMs }: InformedPlan,
): PollOutcome[] {
  const outcomes: PollOutcome[] = workload.map(() => ({ calls: 0 }));
  const due = workload.map((task) => {
    if (!isWatchable(task)) return task.addedAt;
    const { lo, hi } = informedFinishWindow(task);
    return lo + firstShare * (hi - lo) + revisitMs;
  });
  const pending = new Set(workload.keys());
  let now = Math.min(...workload.map((t) => t.addedAt));
  const bucket = pacedBudget(budgetPerMinute, now);
  while (pending.size > 0) {
    now = bucket.nextAt(now);
    let pick: number | undefined;
    let nextDue = Infinity;
    for (const i of pending) {
      if (due[i]! > now) nextDue = Math.min(nextDue, due[i]!);
      else if (pick === undefined || due[i]! < due[pick]!) pick = i;
    }
    if (pick === undefined) {
      now = nextDue;
      continue;
    }
    bucket.take(now);
    const task = workload[pick]!;
    outcomes[pick]!.calls++;
    if (now < task.finishAt) {
      due[pick] = now + revisitMs;
      continue;
    }
    pending.delete(pick);
    if (isWatchable(task)) outcomes[pick]!.latencyMs = now - task.finishAt;
  }
  return outcomes;
}

/** The plan that gives this workload the lowest p95, and its outcomes. */
export function bestInformedPlanner(
  workload: readonly WorkloadTask[],
  budgetPerMinute: number,
): { outcomes: PollOutcome[]; plan: InformedPlan } {
  let best: { outcomes: PollOutcome[]; plan: InformedPlan; p95: number } | undefined;
  for (const plan of FIRST_SHARES.flatMap((firstShare) =>
    REVISITS_MS.map((revisitMs) => ({ firstShare, revisitMs })),
  )) {
    const outcomes = informedPlanner(workload, budgetPerMinute, plan);
    const p95 = percentile(
      outcomes.flatMap((o) => (o.latencyMs === undefined ? [] : [o.latencyMs])),
      0.95,
    );
    if (!best || p95 < best.p95) best = { outcomes, plan, p95 };
  }
  return { outcomes: best!.outcomes, plan: best!.plan };
}
