// Pure: tasks of one account wait in one queue, first in, first out, so tasks of one tier finish roughly in the order
// they were submitted. When the budget binds, that order says more about which unseen task is done than each task's
// own estimate does: a task submitted later that is done (or likely done) says an earlier one of its tier is done too.

/**
 * A later task's own worth counts as evidence only once it is likely done: its worth at least this share of the time
 * unseen (the chance it finished, averaged over that time). A faint hope on one task must not lift every task ahead of
 * it in the queue.
 */
const LIKELY_DONE_SHARE = 0.3;

/** A task that wants a call, with what the call is worth by the task's own evidence (see call-benefit.ts). */
export interface OrderedCandidate {
  tier: string | undefined;
  /** Undefined when unknown (a pasted task): it then takes no part in the order. */
  submittedAt: number | undefined;
  worth: number;
  /** Last seen unfinished (or when it could first have finished): the worth counts the wait since then. */
  since: number;
}

/** A task of a known tier and submission seen done, and when it most likely finished. */
export interface FinishSighting {
  tier: string;
  submittedAt: number;
  finishedAbout: number;
}

/**
 * Each candidate's worth, raised to the best evidence from tasks of its tier submitted strictly later: the worth of
 * one likely done, or the wait since one seen done finished. Evidence counts only from after the candidate was last
 * seen unfinished: a later task that finished before that look was a near tie, and says nothing about since. Never
 * lowered.
 */
export function raiseByFinishOrder(
  candidates: readonly OrderedCandidate[],
  sightings: readonly FinishSighting[],
  now: number,
): number[] {
  const evidence = [
    ...candidates.flatMap((c) =>
      c.tier !== undefined && c.submittedAt !== undefined && c.worth >= LIKELY_DONE_SHARE * (now - c.since)
        ? [{ tier: c.tier, submittedAt: c.submittedAt, from: c.since, worth: c.worth }]
        : [],
    ),
    ...sightings.map((s) => ({
      tier: s.tier,
      submittedAt: s.submittedAt,
      from: s.finishedAbout,
      worth: now - s.finishedAbout,
    })),
  ];
  return candidates.map((c) => {
    if (c.tier === undefined || c.submittedAt === undefined) return c.worth;
    let best = c.worth;
    for (const e of evidence) {
      if (e.tier === c.tier && e.submittedAt > c.submittedAt && e.from >= c.since) best = Math.max(best, e.worth);
    }
    return best;
  });
}
