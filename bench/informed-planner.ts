// What more information would buy: planners told the second each task's generation began (no client knows it), and
// told or not the tier of pasted tasks, spending the same paced budget earliest deadline first. Not schedulers we
// could ship: yardsticks for the load targets.
import { isWatchable, pacedBudget } from './baselines';
import type { PollOutcome } from './baselines';
import { informedFinishWindow } from './informed-bound';
import { percentile } from './scheduler-bench';
import type { WorkloadTask } from './workload';

/** The plans tried for each kind of task; the best pair for each workload is kept (chosen in hindsight, generous). */
const REVISITS_MS = [
  ...Array.from({ length: 10 }, (_, i) => (i + 1) * 1_000),
  ...Array.from({ length: 10 }, (_, i) => 12_000 + i * 2_000),
  ...Array.from({ length: 6 }, (_, i) => 35_000 + i * 5_000),
];
const FIRST_SHARES = [0, 0.2, 0.4];
const PLANS: readonly InformedPlan[] = FIRST_SHARES.flatMap((firstShare) =>
  REVISITS_MS.map((revisitMs) => ({ firstShare, revisitMs })),
);

export interface InformedPlan {
  /** The first call comes this share into the task's likely finish window... */
  firstShare: number;
  /** ...plus this long; every call that finds the task unfinished is followed by another this long after. */
  revisitMs: number;
}

/**
 * One plan for the tasks the app submitted itself, one for those pasted in later: pasted tasks arrive at other moments
 * of their generation and, untold, with a far wider finish window.
 */
export interface PlanPair {
  submitted: InformedPlan;
  pasted: InformedPlan;
}

/** What the planner is told besides each generation start. */
export interface PlannerKnowledge {
  /** The tier of pasted tasks too; without it their window spans every tier's, as a client would have to assume. */
  pastedTier: boolean;
}

const TOLD_EVERYTHING: PlannerKnowledge = { pastedTier: true };

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
  plans: PlanPair,
  knows: PlannerKnowledge = TOLD_EVERYTHING,
): PollOutcome[] {
  const outcomes: PollOutcome[] = workload.map(() => ({ calls: 0 }));
  const planOf = (task: WorkloadTask) => (task.tierKnown ? plans.submitted : plans.pasted);
  const due = workload.map((task) => {
    if (!isWatchable(task)) return task.addedAt;
    const { lo, hi } = informedFinishWindow(task, { tierKnown: task.tierKnown || knows.pastedTier });
    const { firstShare, revisitMs } = planOf(task);
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
      due[pick] = now + planOf(task).revisitMs;
      continue;
    }
    pending.delete(pick);
    if (isWatchable(task)) outcomes[pick]!.latencyMs = now - task.finishAt;
  }
  return outcomes;
}

/** The plan pair that gives this workload the lowest p95, and its outcomes: every pair is tried. */
export function bestInformedPlanner(
  workload: readonly WorkloadTask[],
  budgetPerMinute: number,
  knows: PlannerKnowledge = TOLD_EVERYTHING,
): { outcomes: PollOutcome[]; plans: PlanPair } {
  let best: { outcomes: PollOutcome[]; plans: PlanPair; p95: number } | undefined;
  for (const submitted of PLANS) {
    for (const pasted of PLANS) {
      const plans = { submitted, pasted };
      const outcomes = informedPlanner(workload, budgetPerMinute, plans, knows);
      const p95 = percentile(
        outcomes.flatMap((o) => (o.latencyMs === undefined ? [] : [o.latencyMs])),
        0.95,
      );
      if (!best || p95 < best.p95) best = { outcomes, plans, p95 };
    }
  }
  return { outcomes: best!.outcomes, plans: best!.plans };
}
