// The global limit on status calls: N a minute, paced evenly (a token bucket with a small burst) and never more than N
// in any sliding minute; optionally spaced out further for a while (after a 429).
export const DEFAULT_BUDGET_PER_MINUTE = 60;
const WINDOW_MS = 60_000;
/**
 * The burst is this long's worth of budget (5 calls at 60/min): a few tasks added together are asked at once, while a
 * batch never gets the minute's allowance in one clump — at most 10 calls in any 5 s at 60/min. A server-side limiter
 * that counts over shorter windows than ours sees an even flow.
 */
const BURST_MS = 5_000;

export interface RequestBudget {
  /** Earliest time (≥ now) a call may start. */
  nextAllowedAt(now: number): number;
  record(at: number): void;
  setLimit(callsPerMinute: number): void;
  limit(): number;
  /** The even pace the budget allows: one call this often. */
  msPerCall(): number;
  /** Until `until`, keep at least `gapMs` between any two calls (a gentle restart instead of a burst). */
  spaceOut(gapMs: number, until: number): void;
}

export function createRequestBudget(callsPerMinute = DEFAULT_BUDGET_PER_MINUTE): RequestBudget {
  let max = sanitize(callsPerMinute);
  const starts: number[] = [];
  let spacing: { gapMs: number; until: number } | undefined;
  let tokens = burstSize(max);
  let refilledAt: number | undefined;

  const prune = (now: number) => {
    while (starts.length > 0 && starts[0]! <= now - WINDOW_MS) starts.shift();
  };

  const msPerToken = () => WINDOW_MS / max;

  const refill = (now: number) => {
    if (refilledAt !== undefined && now > refilledAt) {
      tokens = Math.min(burstSize(max), tokens + (now - refilledAt) / msPerToken());
    }
    refilledAt = Math.max(now, refilledAt ?? now);
  };

  return {
    nextAllowedAt(now) {
      prune(now);
      refill(now);
      let at = now;
      // A hair below one token still counts as one: float sums of refills must not push a call a millisecond late.
      if (tokens < 1 - 1e-9) at = Math.max(at, now + Math.ceil((1 - tokens) * msPerToken()));
      if (starts.length >= max) at = Math.max(at, starts[starts.length - max]! + WINDOW_MS);
      const last = starts[starts.length - 1];
      if (spacing && last !== undefined && now < spacing.until) at = Math.max(at, last + spacing.gapMs);
      return at;
    },
    record(at) {
      refill(at);
      tokens = Math.max(0, tokens - 1);
      starts.push(at);
      prune(at);
    },
    setLimit(n) {
      max = sanitize(n);
      tokens = Math.min(tokens, burstSize(max));
    },
    limit: () => max,
    msPerCall: msPerToken,
    spaceOut(gapMs, until) {
      spacing = { gapMs, until };
    },
  };
}

function burstSize(callsPerMinute: number): number {
  return Math.max(1, Math.floor((callsPerMinute * BURST_MS) / WINDOW_MS));
}

function sanitize(n: number): number {
  return Number.isFinite(n) ? Math.max(1, Math.floor(n)) : DEFAULT_BUDGET_PER_MINUTE;
}
