// Small, pure text formatters for the window: durations, clock times, byte sizes, credits.
import { formatSeconds } from '../../shared/format-duration';

/** "0:07", "4:32", "1:02:09": compact like a stopwatch, because it ticks. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${ss}`;
  return `${m}:${ss}`;
}

/** "12s", "3m 05s", "1h 04m": for finished durations, which do not tick. */
export function formatDuration(ms: number): string {
  return formatSeconds(Math.max(0, Math.round(ms / 1000)));
}

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

/** Local wall-clock time as HH:MM:SS (24 h), e.g. for "throttled until". */
export { formatClockTime as formatClock } from '../../shared/format-duration';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

// One formatter for all calls: toLocaleString builds a new one each time, which shows up on every snapshot.
const creditFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatCredits(credits: number): string {
  const rounded = Math.round(credits * 100) / 100;
  return `${creditFormat.format(rounded)} ${rounded === 1 ? 'credit' : 'credits'}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const countFormat = new Intl.NumberFormat('en-US');

/** "12,345": counts of vertices, triangles, … */
export function formatCount(n: number): string {
  return countFormat.format(n);
}
