// A lower bound for a scheduler that knows more than ours can: each task's tier and the very second its generation
// began, but not how long generation will take (only the spread the workload draws it from). Seeing a finish within
// L then still takes calls every L seconds across the stretch where the finish may fall, and a batch of tasks whose
// stretches overlap can need more calls in some window than the budget allows there.
import { isWatchable, pacedBurst } from './baselines';
import { WORKLOAD_DEFAULTS, WORKLOAD_TIERS } from './workload';
import type { WorkloadTask } from './workload';

/**
 * Each task's finish is to be seen within L with 95 % chance (so about 95 % of all finishes are): calls cover the
 * central 95 % of its log-normal generation time, within this many sigmas of the typical value.
 */
const Z = 1.96;

const TYPICAL = new Map(WORKLOAD_TIERS.map((t) => [t.tier, t.typicalMs]));

/** Calls one task needs: at least `count` inside (from, to]. */
interface Need {
  from: number;
  to: number;
  count: number;
}

/**
 * The smallest L for which the calls every task needs (to see its finish within L with 95 % chance) fit in the paced
 * budget in every window of time — a necessary condition, so no scheduler, however informed, sees 95 % of this
 * workload's finishes within less. Generous to that scheduler: it knows each failure and each unusually slow
 * generation exactly and needs one call for it.
 */
export function informedBoundMs(
  workload: readonly WorkloadTask[],
  budgetPerMinute: number,
  sigma = WORKLOAD_DEFAULTS.generationSigma,
): number {
  const feasible = (limit: number) => fits(needs(workload, sigma, limit), budgetPerMinute);
  let lo = 0;
  let hi = 600_000;
  if (!feasible(hi)) return hi;
  while (hi - lo > 100) {
    const mid = (lo + hi) / 2;
    if (feasible(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Where a task's finish falls with 95 % chance for someone told the second its generation began: the central 95 % of
 * its tier's log-normal generation time or, when its tier is not told (a pasted task), wherever any tier's central
 * 95 % falls. A task pasted late is only watched from when it was added.
 */
export function informedFinishWindow(
  task: WorkloadTask,
  { sigma = WORKLOAD_DEFAULTS.generationSigma, tierKnown = true }: { sigma?: number; tierKnown?: boolean } = {},
): { lo: number; hi: number } {
  const start = task.submittedAt + task.queueMs;
  const typical = tierKnown ? [TYPICAL.get(task.tier) ?? 60_000] : [...TYPICAL.values()];
  return {
    lo: Math.max(task.addedAt, start + Math.min(...typical) * Math.exp(-Z * sigma)),
    hi: start + Math.max(...typical) * Math.exp(Z * sigma),
  };
}

function needs(workload: readonly WorkloadTask[], sigma: number, limit: number): Need[] {
  return workload.filter(isWatchable).map((task): Need => {
    const { lo, hi } = informedFinishWindow(task, { sigma });
    const foreseen = task.outcome === 'Done' && task.finishAt >= lo && task.finishAt <= hi;
    if (!foreseen) return { from: task.finishAt, to: task.finishAt + limit, count: 1 };
    // Calls at most L apart from within L after `lo` until past `hi`: that many, all inside (lo, hi + L].
    return { from: lo, to: hi + limit, count: Math.max(1, Math.ceil((hi - lo) / limit)) };
  });
}

/** Whether, for every window (a, b], the calls needed wholly inside it fit in what the paced budget allows there. */
function fits(list: readonly Need[], budgetPerMinute: number): boolean {
  const perToken = 60_000 / budgetPerMinute;
  const burst = pacedBurst(budgetPerMinute);
  const byEnd = [...list].sort((x, y) => x.to - y.to);
  for (const from of new Set(list.map((n) => n.from))) {
    let demand = 0;
    for (const n of byEnd) {
      if (n.from < from) continue;
      demand += n.count;
      if (demand > burst + Math.floor((n.to - from) / perToken)) return false;
    }
  }
  return true;
}
