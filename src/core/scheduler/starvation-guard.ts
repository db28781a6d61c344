// Pure: ranking by worth alone (call-benefit.ts) can leave a task the model expects nothing of unasked for a minute or
// more while the budget binds, and that task may have failed: a failure comes at any moment, so no finish model foresees
// it. While the budget could ask every watched task within the longest gap, a task left unseen nearly that long goes
// first, so no finish is seen later than that. With more tasks than that, the bound cannot hold for all of them, and
// keeping it for some would take the calls from tasks likely done.

/** Calls' worth of slack kept under the longest gap: a starved task still waits for the budget's next calls. */
const SLACK_CALLS = 3;

/** Above any worth (which never exceeds the time a task has gone unseen): starved tasks rank before all others. */
const STARVED = 1e12;

/**
 * How long a task may go unseen before it goes first, or undefined while the budget cannot ask all `watched` tasks
 * within `longestGapMs` at one call per `msPerCall`.
 */
export function starvationLimitMs(watched: number, longestGapMs: number, msPerCall: number): number | undefined {
  if (watched * msPerCall > longestGapMs) return undefined;
  return longestGapMs - SLACK_CALLS * msPerCall;
}

/**
 * A task's rank for the next call: its worth, or, once unseen for `limitMs`, a rank above every task not starved: the
 * longest unseen first, a likely finish counting as more waiting.
 */
export function guardedWorth(worth: number, unseenMs: number | undefined, limitMs: number | undefined): number {
  if (limitMs === undefined || unseenMs === undefined || unseenMs < limitMs) return worth;
  return STARVED + unseenMs + worth;
}
