// One shared one-second ticker for elapsed times: only rows that are still running subscribe to it.
import { useEffect, useState } from 'preact/hooks';

const subscribers = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
/** Difference between the app's clock (snapshot.now) and this page's clock, so tests with a fake clock still tick right. */
let clockOffset = 0;

export function syncClock(snapshotNow: number): void {
  clockOffset = snapshotNow - Date.now();
}

export function appNow(): number {
  return Date.now() + clockOffset;
}

function subscribe(fn: () => void): () => void {
  subscribers.add(fn);
  timer ??= setInterval(() => {
    for (const s of subscribers) s();
  }, 1000);
  return () => {
    subscribers.delete(fn);
    if (subscribers.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The app's current time, refreshed every second while `active`. */
export function useNow(active: boolean): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    return subscribe(() => setTick((n) => n + 1));
  }, [active]);
  return appNow();
}
