// The global limit on status calls: at most N in any sliding minute, optionally spaced out for a while (after a 429).
export const DEFAULT_BUDGET_PER_MINUTE = 60;
const WINDOW_MS = 60_000;

export interface RequestBudget {
  /** Earliest time (≥ now) a call may start. */
  nextAllowedAt(now: number): number;
  record(at: number): void;
  setLimit(callsPerMinute: number): void;
  limit(): number;
  /** Until `until`, keep at least `gapMs` between any two calls (a gentle restart instead of a burst). */
  spaceOut(gapMs: number, until: number): void;
}

export function createRequestBudget(callsPerMinute = DEFAULT_BUDGET_PER_MINUTE): RequestBudget {
  let max = sanitize(callsPerMinute);
  const starts: number[] = [];
  let spacing: { gapMs: number; until: number } | undefined;

  const prune = (now: number) => {
    while (starts.length > 0 && starts[0]! <= now - WINDOW_MS) starts.shift();
  };

  return {
    nextAllowedAt(now) {
      prune(now);
      let at = now;
      if (starts.length >= max) at = Math.max(at, starts[starts.length - max]! + WINDOW_MS);
      const last = starts[starts.length - 1];
      if (spacing && last !== undefined && now < spacing.until) at = Math.max(at, last + spacing.gapMs);
      return at;
    },
    record(at) {
      starts.push(at);
      prune(at);
    },
    setLimit(n) {
      max = sanitize(n);
    },
    limit: () => max,
    spaceOut(gapMs, until) {
      spacing = { gapMs, until };
    },
  };
}

function sanitize(n: number): number {
  return Number.isFinite(n) ? Math.max(1, Math.floor(n)) : DEFAULT_BUDGET_PER_MINUTE;
}
