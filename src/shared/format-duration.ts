// How durations and times are worded, the same in the window, the tray's notifications and the CLI (pure: no Node,
// no DOM). Two wordings, each for its own use:
// - formatDuration, "7s", "3m 05s", "1h 02m": a duration read once (how long a task took, time left, a timeout).
// - formatStopwatch, "0:07", "4:32", "1:02:09": the window's ticking clocks; the digits keep their places while they
//   tick, which a worded duration does not ("59s" → "1m 00s").

/**
 * In the two largest units: seconds alone under a minute, then minutes and seconds, then hours and minutes. Counts
 * whole seconds (a started second does not count yet, so a ticking value never runs ahead); never negative.
 */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1_000));
  const h = Math.floor(totalSeconds / 3_600);
  const m = Math.floor((totalSeconds % 3_600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

/** "0:07", "4:32", "1:02:09": compact like a stopwatch, because it ticks. */
export function formatStopwatch(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1_000));
  const h = Math.floor(total / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** A wall-clock time as "HH:MM:SS" in local time, e.g. when throttling ends. */
export function formatClockTime(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map(pad).join(':');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
