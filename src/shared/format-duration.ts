// Finished and waiting times as "7s", "3m 05s", "1h 02m", worded the same in the window and the CLI (pure: no Node, no DOM).

/**
 * Whole seconds in the two largest units: seconds alone under a minute, then minutes and seconds, then hours and
 * minutes. Rounding milliseconds to seconds is the caller's: the window rounds, the CLI counts whole seconds.
 */
export function formatSeconds(totalSeconds: number): string {
  const h = Math.floor(totalSeconds / 3_600);
  const m = Math.floor((totalSeconds % 3_600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

/** A wall-clock time as "HH:MM:SS" in local time, e.g. when throttling ends. */
export function formatClockTime(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
