// Per-task retry delays after failed status calls: exponential from 5 s to 5 min, jittered so tasks drift apart.
export const BACKOFF_MIN_MS = 5_000;
export const BACKOFF_MAX_MS = 5 * 60_000;

/** Delay before retry number `attempt` (1 = first retry); `random` in [0, 1) spreads tasks that failed together. */
export function backoffDelay(attempt: number, random: () => number): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt) - 1), 20);
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** exponent);
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, jittered)));
}
