// One watched task as the scheduler sees it: when it was asked, what the answers showed, what that teaches the
// duration model, and what asking it again now is worth.
import { isFinished, queuePosition } from '../tasks/task';
import type { Task } from '../tasks/task';
import { callBenefit, expectedFinish } from './call-benefit';
import type { DurationModel } from './duration-model';
import { finishDistribution, MIN_POLL_GAP_MS } from './poll-policy';
import type { FinishDistribution, PollPolicyInput, PollTuning } from './poll-policy';

/** A pasted generation response is usually about this old: its task may be well under way when we first see it. */
const PASTED_AGE_MS = 60_000;

export interface Watch {
  key: string;
  dueAt: number;
  inFlight: boolean;
  lastCallAt?: number;
  errors: number;
  /** Last call that found the task still queued, and the queue length then: bounds when generation began. */
  lastWaiting?: { at: number; queueLength?: number };
  /** First call that found the task queued with a known position: the queue's pace is learned from it. */
  firstQueued?: { at: number; queueLength: number };
  /** The queue's pace was learned from this task when it left the queue. */
  queuePaceLearned?: boolean;
  /** Last call that found the task not finished: bounds when it finished. */
  lastUnfinishedAt?: number;
  /** Ready but held back by the global budget since then. */
  heldSince?: number;
}

/** A new watch, due now; `task.lastPolledAt` (a restored task) counts as its last call. */
export function createWatch(task: Task, now: number): Watch {
  const w: Watch = { key: task.subscriptionKey, dueAt: now, inFlight: false, errors: 0 };
  if (task.lastPolledAt !== undefined) w.lastCallAt = Math.min(task.lastPolledAt, now);
  // A task we saw being submitted (its tier came with it) cannot have started generating before that.
  if (task.lastPolledAt === undefined && (task.tier !== undefined || task.submittedAt !== undefined)) {
    w.lastWaiting = { at: task.submittedAt ?? task.addedAt };
  }
  return w;
}

/** When the watch may be called: when due, and never within the floor after its last call. */
export const readyAt = (w: Watch) => Math.max(w.dueAt, (w.lastCallAt ?? -Infinity) + MIN_POLL_GAP_MS);

/** What the poll policy needs to know about this task. */
export function policyInput(
  task: Task,
  w: Watch,
  model: DurationModel,
  now: number,
  tuning?: Partial<PollTuning>,
): PollPolicyInput {
  const input: PollPolicyInput = {
    now,
    task,
    generationQuantiles: model.generationQuantiles(task.tier),
    queueQuantiles: model.queueQuantiles(),
    queuePaceLearned: model.queuePaceLearned(),
  };
  if (w.lastWaiting) input.lastSeenWaitingAt = w.lastWaiting.at;
  if (w.lastWaiting?.queueLength !== undefined) input.lastSeenQueueLength = w.lastWaiting.queueLength;
  if (tuning) input.tuning = tuning;
  return input;
}

/** Records an answer (made at `calledAt`) that found the task not finished. */
export function observeUnfinished(w: Watch, task: Task, calledAt: number): void {
  w.errors = 0;
  w.lastUnfinishedAt = calledAt;
  if (task.state !== 'waiting') return;
  const queueLength = queuePosition(task.jobs);
  w.lastWaiting = { at: calledAt, queueLength };
  if (queueLength !== undefined && queueLength >= 1) w.firstQueued ??= { at: calledAt, queueLength };
}

/**
 * Tasks in one queue move together: the pace one task's stay showed serves every other task still queued, so it is
 * learned the moment the task leaves the queue rather than when it finishes.
 */
export function learnQueuePace(model: DurationModel, task: Task, w: Watch): void {
  if (w.queuePaceLearned || !w.firstQueued || !w.lastWaiting || task.generatingSince === undefined) return;
  w.queuePaceLearned = true;
  const start = (w.lastWaiting.at + task.generatingSince) / 2;
  model.recordQueuePosition((start - w.firstQueued.at) / w.firstQueued.queueLength);
}

/** A task watched to Done teaches how long its tier's generation takes. */
export function learnGeneration(model: DurationModel, task: Task, w: Watch): void {
  if (task.finishedWhenAdded || task.state !== 'done') return;
  const { generatingSince, finishedAt } = task;
  if (generatingSince === undefined || finishedAt === undefined || !w.lastWaiting) return;
  // Both ends are only known to lie between two calls: take the middle of each interval.
  const start = (w.lastWaiting.at + generatingSince) / 2;
  const end = ((w.lastUnfinishedAt ?? generatingSince) + finishedAt) / 2;
  model.recordGeneration(task.tier, end - start);
}

/** What calling this task now is worth (see call-benefit.ts): decides who goes first when the budget binds. */
export function watchBenefit(
  task: Task,
  w: Watch,
  model: DurationModel,
  now: number,
  tuning?: Partial<PollTuning>,
): number {
  if (isFinished(task.state)) return 0;
  const { finish, since } = finishSinceLastSeen(task, w, model, now, tuning);
  return callBenefit(finish, since, now);
}

/** When a task, as it was known before the answer at `seenAt` showed it finished, most likely finished. */
export function watchFinishEstimate(task: Task, w: Watch, model: DurationModel, seenAt: number): number {
  const { finish, since } = finishSinceLastSeen(task, w, model, seenAt);
  return expectedFinish(finish, since, seenAt);
}

/** The time since which the task may have finished unseen (its last "not yet"), for the benefit's ceiling. */
export function unseenSince(task: Task, w: Watch): number {
  return w.lastUnfinishedAt ?? (isPastedUnseen(task) ? task.addedAt - PASTED_AGE_MS : task.addedAt);
}

/**
 * When the task was submitted, if we know: as given, or when it was added if we saw it submitted (its tier came with
 * it). A pasted task's submission is unknown.
 */
export function submittedAtOf(task: Task): number | undefined {
  return task.submittedAt ?? (task.tier !== undefined ? task.addedAt : undefined);
}

const isPastedUnseen = (task: Task) =>
  task.lastPolledAt === undefined && task.tier === undefined && task.submittedAt === undefined;

function finishSinceLastSeen(
  task: Task,
  w: Watch,
  model: DurationModel,
  now: number,
  tuning?: Partial<PollTuning>,
): { finish: FinishDistribution; since: number } {
  const since = unseenSince(task, w);
  // Pasted and never looked at: it was submitted some time before, may be close to done, and its first answer tells
  // what it is.
  const known = isPastedUnseen(task) ? { ...task, addedAt: since } : task;
  const input = policyInput(known, w, model, now, tuning);
  input.queueQuantiles = coarse(input.queueQuantiles);
  return { finish: finishDistribution(input), since };
}

const coarseCache = new WeakMap<readonly number[], readonly number[]>();

/**
 * Every tenth quantile point: ranking hundreds of tasks a second needs the shape of a queue's pace, not its detail
 * (a waiting task's finish is a mixture over every queue point).
 */
function coarse(points: readonly number[]): readonly number[] {
  let thinned = coarseCache.get(points);
  if (!thinned) {
    thinned = points.filter((_, i) => i % 10 === 0 || i === points.length - 1);
    coarseCache.set(points, thinned);
  }
  return thinned;
}
