// Decides when each active task is asked about, and keeps every politeness rule while doing it (see docs/architecture.md).
import type { Clock, TimerHandle } from '../clock';
import { RodinError } from '../rodin/errors';
import { describeError } from '../rodin/describe-error';
import type { RodinClient } from '../rodin/types';
import { isFinished } from '../tasks/task';
import type { Task } from '../tasks/task';
import type { TaskTracker } from '../tasks/task-tracker';
import { backoffDelay } from './backoff';
import { createDurationModel } from './duration-model';
import type { DurationModel } from './duration-model';
import { raiseByFinishOrder } from './finish-order';
import type { FinishSighting } from './finish-order';
import { DEFAULT_POLL_TUNING, nextPollDelay } from './poll-policy';
import type { PollTuning } from './poll-policy';
import { createRequestBudget, DEFAULT_BUDGET_PER_MINUTE } from './request-budget';
import { createServiceHealth } from './service-health';
import type { ServiceProblem } from './service-health';
import { guardedWorth, starvationLimitMs } from './starvation-guard';
import {
  createWatch,
  learnGeneration,
  learnQueuePace,
  observeUnfinished,
  policyInput,
  readyAt,
  submittedAtOf,
  unseenSince,
  watchBenefit,
  watchFinishEstimate,
} from './watch';
import type { Watch } from './watch';

/** Finish sightings kept for the finish order: enough for a large batch, bounded for a long session. */
const MAX_FINISH_SIGHTINGS = 500;

/** After a 429, calls restart one by one over this long instead of all at once. */
const RECOVERY_MS = 60_000;

export type PausedBy = 'user' | 'offline' | 'asleep';

export interface SchedulerStatus {
  paused: boolean;
  pausedBy?: PausedBy;
  problem?: ServiceProblem;
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

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock, client, tracker } = options;
  const random = options.random ?? Math.random;
  const model = options.durationModel ?? createDurationModel();
  const budget = createRequestBudget(options.budgetPerMinute ?? DEFAULT_BUDGET_PER_MINUTE);
  const { longestGapMs } = { ...DEFAULT_POLL_TUNING, ...options.tuning };
  const watches = new Map<string, Watch>();
  const finishSightings: FinishSighting[] = [];
  const pausedBy = new Set<PausedBy>();
  const health = createServiceHealth();
  const statusListeners = new Set<(status: SchedulerStatus) => void>();
  const stats: SchedulerStats = { calls: 0, errors: 0, budgetDelayedCalls: 0, budgetDelayMs: 0 };
  let running = false;
  let timer: TimerHandle | undefined;
  let nextCheckAt: number | undefined;
  let lastStatusJson = '';

  const inFlightCount = () => [...watches.values()].filter((w) => w.inFlight).length;

  const currentStatus = (): SchedulerStatus => {
    const reason = (['user', 'offline', 'asleep'] as const).find((r) => pausedBy.has(r));
    const status: SchedulerStatus = { paused: reason !== undefined, inFlight: inFlightCount() };
    const problem = health.problem();
    if (reason) status.pausedBy = reason;
    if (problem) status.problem = problem;
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
    const w = createWatch(task, now);
    if (!dueNow) w.dueAt = now + policyDelay(task, w, now);
    watches.set(task.subscriptionKey, w);
  };

  const policyDelay = (task: Task, w: Watch, now: number): number =>
    nextPollDelay(policyInput(task, w, model, now, options.tuning));

  /**
   * What a call is worth for each of `ready`: its own evidence, raised by what the finish order shows, and first of all
   * for a task unseen so long that it may break the longest gap (starvation-guard.ts).
   */
  const benefits = (ready: readonly Watch[], now: number): Map<Watch, number> => {
    const candidates = ready.map((w) => {
      const task = tracker.get(w.key);
      if (!task) return { tier: undefined, submittedAt: undefined, worth: 0, since: now };
      return {
        tier: task.tier,
        submittedAt: submittedAtOf(task),
        worth: watchBenefit(task, w, model, now, options.tuning),
        since: unseenSince(task, w),
      };
    });
    const raised = raiseByFinishOrder(candidates, finishSightings, now);
    const limit = starvationLimitMs(watches.size, longestGapMs, budget.msPerCall());
    return new Map(
      ready.map((w, i) => {
        // Counted from the last "not yet", not from `since`: a task never asked is not starved (a pasted one is worth a
        // call at once, and one we submitted cannot be done yet).
        const unseenMs = w.lastUnfinishedAt === undefined ? undefined : now - w.lastUnfinishedAt;
        return [w, guardedWorth(raised[i]!, unseenMs, limit)];
      }),
    );
  };

  /** A task of known tier and submission seen done tells when the earlier ones of its tier are done too. */
  const recordFinish = (before: Task, after: Task, w: Watch, seenAt: number) => {
    const submittedAt = submittedAtOf(after);
    if (after.state !== 'done' || isFinished(before.state) || after.tier === undefined || submittedAt === undefined)
      return;
    const finishedAbout = watchFinishEstimate(before, w, model, seenAt);
    finishSightings.push({ tier: after.tier, submittedAt, finishedAbout });
    if (finishSightings.length > MAX_FINISH_SIGHTINGS) finishSightings.shift();
  };

  const allDueNow = () => {
    const now = clock.now();
    for (const w of watches.values()) w.dueAt = Math.min(w.dueAt, now);
  };

  /** Starts every call that is due and allowed, then sleeps until the next one could be. */
  const pump = () => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    nextCheckAt = undefined;
    if (!running || pausedBy.size > 0 || health.keyRejected()) {
      publish();
      return;
    }
    const now = clock.now();
    const throttledUntil = health.throttledUntil();
    if (throttledUntil > now) {
      nextCheckAt = throttledUntil;
      timer = clock.setTimeout(pump, throttledUntil - now);
      publish();
      return;
    }
    if (health.takeRecovery(now)) {
      // Retry-After has passed: restart gently, one call at a time, rather than every task in the same second.
      budget.spaceOut(Math.max(1_000, budget.msPerCall()), now + RECOVERY_MS);
    }
    const idle = [...watches.values()].filter((w) => !w.inFlight);
    const ready = idle.filter((w) => readyAt(w) <= now);
    let wakeAt: number | undefined;
    for (const w of idle) if (readyAt(w) > now) wakeAt = Math.min(wakeAt ?? Infinity, readyAt(w));
    if (ready.length > 0) {
      // When the budget cannot serve everyone who is ready, the calls likely to cut a finish's wait short go first.
      if (ready.length > 1 && budget.nextAllowedAt(now) <= now) {
        const worth = benefits(ready, now);
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
        health.succeeded();
        const before = tracker.get(w.key);
        tracker.applyStatus(w.key, result);
        const task = tracker.get(w.key);
        if (before && task) recordFinish(before, task, w, now);
        if (task) learnQueuePace(model, task, w);
        if (task && !isFinished(task.state) && watches.get(w.key) === w) {
          observeUnfinished(w, task, now);
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
    if (health.failed(error, now)) return;
    if (!(error instanceof RodinError)) options.onError?.(error);
    // Network trouble, a server error, an answer we cannot read or a task the service does not know: the task
    // stays watched, shows why, and is asked again later and later rather than hammered.
    w.errors++;
    w.dueAt = now + backoffDelay(w.errors, random);
    const code = error instanceof RodinError ? error.code : 'UNKNOWN';
    tracker.recordError(w.key, { code, message: describeError(error), at: now });
  };

  const learn = (task: Task) => {
    const w = watches.get(task.subscriptionKey);
    watches.delete(task.subscriptionKey);
    if (w) learnGeneration(model, task, w);
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
      health.keyChanged();
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
