// A simulated clock for tests and benchmarks: time moves only when told to, timers fire in order.
import type { Clock } from '../../src/core/clock';

interface Timer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

export interface FakeClock extends Clock {
  /** Moves time forward by `ms`, firing every timer due on the way (in time order), and lets promises settle. */
  advance(ms: number): Promise<void>;
  /** Fires timers until none is left or `limitMs` of simulated time has passed. */
  runUntilIdle(limitMs?: number): Promise<void>;
  pendingTimers(): number;
}

/** Lets pending promise callbacks (and real I/O callbacks queued behind them) run. */
export const flushPromises = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createFakeClock(start = 1_700_000_000_000): FakeClock {
  let now = start;
  let seq = 0;
  let nextId = 1;
  const timers = new Map<number, Timer>();

  const nextDue = (until: number): Timer | undefined => {
    let best: Timer | undefined;
    for (const t of timers.values()) {
      if (t.at > until) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  };

  /** Fires every timer due by `until`, in time order, letting promises settle after each. */
  const fireDue = async (until: number): Promise<void> => {
    await flushPromises();
    for (let t = nextDue(until); t; t = nextDue(until)) {
      timers.delete(t.id);
      now = Math.max(now, t.at);
      t.fn();
      await flushPromises();
    }
  };

  const clock: FakeClock = {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { id, at: now + Math.max(0, ms), seq: seq++, fn });
      return { id };
    },
    clearTimeout(handle) {
      if (handle && typeof handle === 'object' && 'id' in handle) timers.delete(handle.id);
    },
    async advance(ms) {
      const until = now + ms;
      await fireDue(until);
      now = until;
      await flushPromises();
    },
    runUntilIdle: (limitMs = 24 * 3600_000) => fireDue(now + limitMs),
    pendingTimers: () => timers.size,
  };
  return clock;
}
