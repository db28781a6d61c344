// Pure: what one status call is worth now, so that when the budget cannot serve every task that is due, it goes where
// finishes are.
import type { FinishDistribution } from './poll-policy';

/** Steps of the numeric integral: enough to rank tasks, cheap enough for hundreds of tasks a second. */
const STEPS = 12;

/**
 * The finish time this call would cut short: the chance the task finished since it was last seen unfinished (`since`),
 * times how long that finish has waited so far — the integral over (since, now] of P(finished by t | not by since).
 * A call that cannot find anything (a task just submitted, one deep in a queue) is worth nothing; one for a task that
 * is likely done and has been waiting is worth the most.
 */
export function callBenefit(finish: FinishDistribution, since: number, now: number): number {
  if (now <= since) return 0;
  const before = finish.cdf(since);
  const remaining = 1 - before;
  const step = (now - since) / STEPS;
  let sum = 0;
  for (let i = 0; i < STEPS; i++) {
    const t = since + (i + 0.5) * step;
    sum += chanceFinishedBy(finish, before, remaining, since, t) * step;
  }
  return sum;
}

/**
 * When a task seen finished at `seenAt`, and last seen unfinished at `since`, most likely finished: the mean of its
 * finish time within that interval, weighted as the model expects.
 */
export function expectedFinish(finish: FinishDistribution, since: number, seenAt: number): number {
  if (seenAt <= since) return seenAt;
  const before = finish.cdf(since);
  const chance = chanceFinishedBy(finish, before, 1 - before, since, seenAt);
  // The model thought a finish impossible here: nothing to weigh by, so the middle.
  if (chance < 1e-6) return (since + seenAt) / 2;
  return seenAt - callBenefit(finish, since, seenAt) / chance;
}

function chanceFinishedBy(
  finish: FinishDistribution,
  before: number,
  remaining: number,
  since: number,
  t: number,
): number {
  // Past everything the model expected: such a task is merely slow and may finish any moment; the chance grows with
  // the time unseen at the pace of the longest expected duration.
  if (remaining < 1e-3) return 1 - Math.exp(-(t - since) / Math.max(1, finish.longest));
  return Math.min(1, Math.max(0, (finish.cdf(t) - before) / remaining));
}
