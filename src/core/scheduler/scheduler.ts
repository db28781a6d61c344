// Decides when each active task is asked about, and keeps every politeness rule while doing it (see ARCHITECTURE.md).
import type { Clock, TimerHandle } from '../clock';
import { AuthError, RateLimitedError, RodinError, TransientError } from '../rodin/errors';
import { describeError } from '../rodin/describe-error';
import type { RodinClient } from '../rodin/types';
import { isFinished, queuePosition } from '../tasks/task';
import type { Task } from '../tasks/task';
import type { TaskTracker } from '../tasks/task-tracker';
import { backoffDelay } from './backoff';
import { createDurationModel } from './duration-model';
import type { DurationModel } from './duration-model';
import { callBenefit } from './call-benefit';
import { finishDistribution, MIN_POLL_GAP_MS, nextPollDelay } from './poll-policy';
import type { PollPolicyInput, PollTuning } from './poll-policy';
import { createRequestBudget, DEFAULT_BUDGET_PER_MINUTE } from './request-budget';

/** Used when a 429 carries no usable Retry-After (the client already defaults to this too). */
export const DEFAULT_RETRY_AFTER_MS = 30_000;
/** After a 429, calls restart one by one over this long instead of all at once. */
const RECOVERY_MS = 60_000;
/** A pasted generation response is usually about this old: its task may be well under way when we first see it. */
const PASTED_AGE_MS = 60_000;
/** Consecutive transient failures (across tasks, no success between) before we call the service unreachable. */
const UNREACHABLE_AFTER = 2;

export type PausedBy = 'user' | 'offline' | 'asleep';

export interface SchedulerStatus {
  paused: boolean;
  pausedBy?: PausedBy;
  problem?: { kind: 'key-rejected' | 'throttled' | 'unreachable'; message: string; until?: number };
  nextCheckAt?: number;
  inFlight: number;
}

/** Counters for benchmarks and diagnostics. */
export interface SchedulerStats {
  calls: number;
  errors: number;
  /** Calls that had to wait for the global budget, and how long in total. */
  budgetDelayedCalls: number;
  budgetDelayMs: number;
}

export interface Scheduler {
  start(): void;
  stop(): void;
  pause(): void;
  resume(): void;
  checkNow(): void;
  checkTask(subscriptionKey: string): void;
  setOnline(online: boolean): void;
  suspend(): void;
  wake(): void;
  keyChanged(): void;
  setBudget(callsPerMinute: number): void;
  status(): SchedulerStatus;
  onStatus(listener: (status: SchedulerStatus) => void): () => void;
  stats(): SchedulerStats;
}

export interface SchedulerOptions {
  clock: Clock;
  client: Pick<RodinClient, 'status'>;
  tracker: TaskTracker;
  budgetPerMinute?: number;
  random?: () => number;
  onError?: (e: unknown) => void;
  /** Shared so what one session learned about durations can serve the next; a fresh one otherwise. */
  durationModel?: DurationModel;
  tuning?: Partial<PollTuning>;
}

interface Watch {
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

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock, client, tracker } = options;
  const random = options.random ?? Math.random;
  const model = options.durationModel ?? createDurationModel();
  const budget = createRequestBudget(options.budgetPerMinute ?? DEFAULT_BUDGET_PER_MINUTE);
  const watches = new Map<string, Watch>();
  const pausedBy = new Set<PausedBy>();
  const statusListeners = new Set<(status: SchedulerStatus) => void>();
  const stats: SchedulerStats = { calls: 0, errors: 0, budgetDelayedCalls: 0, budgetDelayMs: 0 };
  let running = false;
  let keyRejected = false;
  let throttledUntil = 0;
  let recovering = false;
  let transientStreak = 0;
  let problem: SchedulerStatus['problem'];
  let timer: TimerHandle | undefined;
  let nextCheckAt: number | undefined;
  let lastStatusJson = '';

  const inFlightCount = () => [...watches.values()].filter((w) => w.inFlight).length;

  const currentStatus = (): SchedulerStatus => {
    const reason = (['user', 'offline', 'asleep'] as const).find((r) => pausedBy.has(r));
    const status: SchedulerStatus = { paused: reason !== undefined, inFlight: inFlightCount() };
    if (reason) status.pausedBy = reason;
    if (problem) status.problem = { ...problem };
    if (nextCheckAt !== undefined) status.nextCheckAt = nextCheckAt;
    return status;
  };

  const publish = () => {
    const status = currentStatus();
    const json = JSON.stringify(status);
    if (json === lastStatusJson) return;
    lastStatusJson = json;
    for (const listener of [...statusListeners]) listener(status);
  };

  const watch = (task: Task, dueNow: boolean) => {
    if (isFinished(task.state) || watches.has(task.subscriptionKey)) return;
    const now = clock.now();
    const w: Watch = { key: task.subscriptionKey, dueAt: now, inFlight: false, errors: 0 };
    if (task.lastPolledAt !== undefined) w.lastCallAt = Math.min(task.lastPolledAt, now);
    // A task we saw being submitted (its tier came with it) cannot have started generating before that.
    if (task.lastPolledAt === undefined && (task.tier !== undefined || task.submittedAt !== undefined)) {
      w.lastWaiting = { at: task.submittedAt ?? task.addedAt };
    }
    if (!dueNow) w.dueAt = now + policyDelay(task, w, now);
    watches.set(task.subscriptionKey, w);
  };

  const policyInput = (task: Task, w: Watch, now: number): PollPolicyInput => {
    const input: PollPolicyInput = {
      now,
      task,
      generationQuantiles: model.generationQuantiles(task.tier),
      queueQuantiles: model.queueQuantiles(),
    };
    if (w.lastWaiting) input.lastSeenWaitingAt = w.lastWaiting.at;
    if (w.lastWaiting?.queueLength !== undefined) input.lastSeenQueueLength = w.lastWaiting.queueLength;
    if (options.tuning) input.tuning = options.tuning;
    return input;
  };

  const policyDelay = (task: Task, w: Watch, now: number): number => nextPollDelay(policyInput(task, w, now));

  /** What calling this task now is worth (see call-benefit.ts): decides who goes first when the budget binds. */
  const benefit = (w: Watch, now: number): number => {
    const task = tracker.get(w.key);
    if (!task || isFinished(task.state)) return 0;
    let since = w.lastUnfinishedAt ?? task.addedAt;
    let known = task;
    if (task.lastPolledAt === undefined && task.tier === undefined && task.submittedAt === undefined) {
      // Pasted and never looked at: it was submitted some time before, may be close to done, and its first answer
      // tells what it is.
      since = task.addedAt - PASTED_AGE_MS;
      known = { ...task, addedAt: since };
    }
    const input = policyInput(known, w, now);
    input.queueQuantiles = coarse(input.queueQuantiles);
    return callBenefit(finishDistribution(input), since, now);
  };

  const setProblem = (next: SchedulerStatus['problem']) => {
    problem = next;
  };

  const clearProblem = (kind: NonNullable<SchedulerStatus['problem']>['kind']) => {
    if (problem?.kind === kind) problem = undefined;
  };

  const allDueNow = () => {
    const now = clock.now();
    for (const w of watches.values()) w.dueAt = Math.min(w.dueAt, now);
  };

  const readyAt = (w: Watch) => Math.max(w.dueAt, (w.lastCallAt ?? -Infinity) + MIN_POLL_GAP_MS);

  /** Starts every call that is due and allowed, then sleeps until the next one could be. */
  const pump = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    nextCheckAt = undefined;
    if (!running || pausedBy.size > 0 || keyRejected) {
      publish();
      return;
    }
    const now = clock.now();
    if (throttledUntil > now) {
      nextCheckAt = throttledUntil;
      timer = clock.setTimeout(pump, throttledUntil - now);
      publish();
      return;
    }
    if (recovering) {
      // Retry-After has passed: restart gently, one call at a time, rather than every task in the same second.
      recovering = false;
      clearProblem('throttled');
      budget.spaceOut(Math.max(1_000, 60_000 / budget.limit()), now + RECOVERY_MS);
    }
    const idle = [...watches.values()].filter((w) => !w.inFlight);
    const ready = idle.filter((w) => readyAt(w) <= now);
    let wakeAt: number | undefined;
    for (const w of idle) if (readyAt(w) > now) wakeAt = Math.min(wakeAt ?? Infinity, readyAt(w));
    if (ready.length > 0) {
      // When the budget cannot serve everyone who is ready, the calls likely to cut a finish's wait short go first.
      if (ready.length > 1 && budget.nextAllowedAt(now) <= now) {
        const worth = new Map(ready.map((w) => [w, benefit(w, now)]));
        ready.sort((a, b) => worth.get(b)! - worth.get(a)! || readyAt(a) - readyAt(b));
      }
      let served = 0;
      for (const w of ready) {
        const allowed = budget.nextAllowedAt(now);
        if (allowed > now) {
          for (const held of ready.slice(served)) held.heldSince ??= readyAt(held);
          wakeAt = Math.min(wakeAt ?? Infinity, allowed);
          break;
        }
        call(w, now);
        served++;
      }
    }
    if (wakeAt !== undefined) {
      nextCheckAt = wakeAt;
      timer = clock.setTimeout(pump, wakeAt - now);
    }
    publish();
  };

  const call = (w: Watch, now: number) => {
    if (w.heldSince !== undefined) {
      stats.budgetDelayedCalls++;
      stats.budgetDelayMs += now - w.heldSince;
      w.heldSince = undefined;
    }
    w.inFlight = true;
    w.lastCallAt = now;
    budget.record(now);
    stats.calls++;
    client.status(w.key).then(
      (result) => {
        w.inFlight = false;
        transientStreak = 0;
        clearProblem('unreachable');
        tracker.applyStatus(w.key, result);
        const task = tracker.get(w.key);
        if (task) learnQueuePace(task, w);
        if (task && !isFinished(task.state) && watches.get(w.key) === w) {
          w.errors = 0;
          w.lastUnfinishedAt = now;
          if (task.state === 'waiting') {
            const queueLength = queuePosition(task.jobs);
            w.lastWaiting = { at: now, queueLength };
            if (queueLength !== undefined && queueLength >= 1) w.firstQueued ??= { at: now, queueLength };
          }
          const at = clock.now();
          w.dueAt = at + policyDelay(task, w, at);
        }
        pump();
      },
      (error: unknown) => {
        w.inFlight = false;
        failed(w, error);
        pump();
      },
    );
  };

  const failed = (w: Watch, error: unknown) => {
    const now = clock.now();
    stats.errors++;
    if (error instanceof AuthError) {
      // Every other call would fail the same way: stop everything until someone changes the key.
      keyRejected = true;
      setProblem({ kind: 'key-rejected', message: 'API key rejected' });
      return;
    }
    if (error instanceof RateLimitedError) {
      const wait =
        Number.isFinite(error.retryAfterMs) && error.retryAfterMs > 0 ? error.retryAfterMs : DEFAULT_RETRY_AFTER_MS;
      throttledUntil = Math.max(throttledUntil, now + wait);
      recovering = true;
      setProblem({ kind: 'throttled', message: describeError(error), until: throttledUntil });
      return;
    }
    if (!(error instanceof RodinError)) options.onError?.(error);
    if (error instanceof TransientError) {
      transientStreak++;
      if (transientStreak >= UNREACHABLE_AFTER && problem === undefined) {
        setProblem({ kind: 'unreachable', message: describeError(error) });
      }
    }
    // Network trouble, a server error, an answer we cannot read or a task the service does not know: the task
    // stays watched, shows why, and is asked again later and later rather than hammered.
    w.errors++;
    w.dueAt = now + backoffDelay(w.errors, random);
    const code = error instanceof RodinError ? error.code : 'UNKNOWN';
    tracker.recordError(w.key, { code, message: describeError(error), at: now });
  };

  /**
   * Tasks in one queue move together: the pace one task's stay showed serves every other task still queued, so it is
   * learned the moment the task leaves the queue rather than when it finishes.
   */
  const learnQueuePace = (task: Task, w: Watch) => {
    if (w.queuePaceLearned || !w.firstQueued || !w.lastWaiting || task.generatingSince === undefined) return;
    w.queuePaceLearned = true;
    const start = (w.lastWaiting.at + task.generatingSince) / 2;
    model.recordQueuePosition((start - w.firstQueued.at) / w.firstQueued.queueLength);
  };

  const learn = (task: Task) => {
    const w = watches.get(task.subscriptionKey);
    watches.delete(task.subscriptionKey);
    if (!w || task.finishedWhenAdded || task.state !== 'done') return;
    const { generatingSince, finishedAt } = task;
    if (generatingSince === undefined || finishedAt === undefined || !w.lastWaiting) return;
    // Both ends are only known to lie between two calls: take the middle of each interval.
    const start = (w.lastWaiting.at + generatingSince) / 2;
    const end = ((w.lastUnfinishedAt ?? generatingSince) + finishedAt) / 2;
    model.recordGeneration(task.tier, end - start);
  };

  tracker.on('added', (task) => {
    watch(task, false);
    pump();
  });
  tracker.on('removed', (task) => {
    watches.delete(task.subscriptionKey);
    pump();
  });
  tracker.on('finished', learn);

  const scheduler: Scheduler = {
    start() {
      if (running) return;
      running = true;
      // Tasks seen before (a restart, a restored list) may have moved on while nobody looked: ask at once.
      for (const task of tracker.active()) watch(task, task.lastPolledAt !== undefined);
      pump();
    },
    stop() {
      running = false;
      pump();
    },
    pause() {
      pausedBy.add('user');
      pump();
    },
    resume() {
      pausedBy.delete('user');
      pump();
    },
    checkNow() {
      allDueNow();
      pump();
    },
    checkTask(subscriptionKey) {
      const w = watches.get(subscriptionKey);
      if (!w) return;
      w.dueAt = Math.min(w.dueAt, clock.now());
      pump();
    },
    setOnline(online) {
      if (online) {
        if (!pausedBy.delete('offline')) return;
        allDueNow();
      } else {
        pausedBy.add('offline');
      }
      pump();
    },
    suspend() {
      pausedBy.add('asleep');
      pump();
    },
    wake() {
      if (!pausedBy.delete('asleep')) return;
      allDueNow();
      pump();
    },
    keyChanged() {
      keyRejected = false;
      clearProblem('key-rejected');
      allDueNow();
      pump();
    },
    setBudget(callsPerMinute) {
      budget.setLimit(callsPerMinute);
      pump();
    },
    status: currentStatus,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    stats: () => ({ ...stats }),
  };
  return scheduler;
}
