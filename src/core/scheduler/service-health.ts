// What failed calls say about the service as a whole (key rejected, throttled, unreachable), as opposed to one task.
import { DEFAULT_RETRY_AFTER_MS } from '../rodin/client';
import { AuthError, RateLimitedError, TransientError } from '../rodin/errors';
import { describeError } from '../rodin/describe-error';
/** Consecutive transient failures (across tasks, no success between) before we call the service unreachable. */
const UNREACHABLE_AFTER = 2;

export interface ServiceProblem {
  kind: 'key-rejected' | 'throttled' | 'unreachable';
  message: string;
  until?: number;
}

export interface ServiceHealth {
  problem(): ServiceProblem | undefined;
  /** A 401: no call at all until the key changes. */
  keyRejected(): boolean;
  /** No call before this (a 429's Retry-After). */
  throttledUntil(): number;
  succeeded(): void;
  /** Takes in a failure; true when it concerns the whole service (every task waits), false when only this task's. */
  failed(error: unknown, now: number): boolean;
  /** True once, when a throttle has passed: calls should restart gently. */
  takeRecovery(now: number): boolean;
  keyChanged(): void;
}

export function createServiceHealth(): ServiceHealth {
  let problem: ServiceProblem | undefined;
  let keyRejected = false;
  let throttledUntil = 0;
  let recovering = false;
  let transientStreak = 0;

  const clear = (kind: ServiceProblem['kind']) => {
    if (problem?.kind === kind) problem = undefined;
  };

  return {
    problem: () => (problem ? { ...problem } : undefined),
    keyRejected: () => keyRejected,
    throttledUntil: () => throttledUntil,
    succeeded() {
      transientStreak = 0;
      clear('unreachable');
    },
    failed(error, now) {
      if (error instanceof AuthError) {
        // Every other call would fail the same way: stop everything until someone changes the key.
        keyRejected = true;
        problem = { kind: 'key-rejected', message: 'API key rejected' };
        return true;
      }
      if (error instanceof RateLimitedError) {
        const wait =
          Number.isFinite(error.retryAfterMs) && error.retryAfterMs > 0 ? error.retryAfterMs : DEFAULT_RETRY_AFTER_MS; // the client's default too
        throttledUntil = Math.max(throttledUntil, now + wait);
        recovering = true;
        problem = { kind: 'throttled', message: describeError(error), until: throttledUntil };
        return true;
      }
      if (error instanceof TransientError) {
        transientStreak++;
        if (transientStreak >= UNREACHABLE_AFTER && problem === undefined) {
          problem = { kind: 'unreachable', message: describeError(error) };
        }
      }
      return false;
    },
    takeRecovery(now) {
      if (!recovering || throttledUntil > now) return false;
      recovering = false;
      clear('throttled');
      return true;
    },
    keyChanged() {
      keyRejected = false;
      clear('key-rejected');
    },
  };
}
