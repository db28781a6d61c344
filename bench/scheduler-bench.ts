// The real scheduler against a generated workload in simulated time, side by side with naive fixed 5 s polling.
import { pathToFileURL } from 'node:url';
import { createFakeClock } from '../src/core/fake-clock';
import type { StatusResult } from '../src/core/rodin/types';
import { createScheduler } from '../src/core/scheduler/scheduler';
import type { PollTuning } from '../src/core/scheduler/poll-policy';
import { deriveTaskState, isFinished } from '../src/core/tasks/task';
import { createTaskTracker } from '../src/core/tasks/task-tracker';
import { createRandom, createWorkload, statusAt, WORKLOAD_DEFAULTS } from './workload';
import type { WorkloadOptions, WorkloadTask } from './workload';

export const NAIVE_INTERVAL_MS = 5_000;

export interface SchedulerBenchOptions extends WorkloadOptions {
  budgetPerMinute?: number;
  tuning?: Partial<PollTuning>;
}

export interface SchedulerBenchResult {
  lines: string[];
  tasks: number;
  callsPerTask: number;
  naiveCallsPerTask: number;
  callsPercentOfNaive: number;
  p50LatencyS: number;
  p95LatencyS: number;
  naiveP50LatencyS: number;
  naiveP95LatencyS: number;
  maxLatencyS: number;
  budgetDelayedCalls: number;
  /** Shortest gap seen between two calls for one task (the 2 s floor must hold). */
  minGapS: number;
  /** Most calls started in any sliding minute (the budget must hold). */
  maxCallsPerMinute: number;
  undetected: number;
  wallMs: number;
}

/** Naive polling: first call 5 s after the task is added, then every 5 s until a call sees it finished. */
export function naivePolling(task: WorkloadTask): { calls: number; latencyMs: number } {
  const sinceAdded = Math.max(0, task.finishAt - task.addedAt);
  const calls = Math.max(1, Math.ceil(sinceAdded / NAIVE_INTERVAL_MS));
  return { calls, latencyMs: task.addedAt + calls * NAIVE_INTERVAL_MS - task.finishAt };
}

export async function runSchedulerBench(options: SchedulerBenchOptions = {}): Promise<SchedulerBenchResult> {
  const wallStart = performance.now();
  const start = options.start ?? WORKLOAD_DEFAULTS.start;
  const workload = createWorkload({ ...options, start });
  const byKey = new Map(workload.map((t) => [t.subscriptionKey, t]));
  const clock = createFakeClock(start);
  const tracker = createTaskTracker({ clock, historySize: workload.length });
  const calls = new Map<string, number[]>();
  const detectedAt = new Map<string, number>();
  const allCalls: number[] = [];

  // The fake service: answers from the workload at the simulated moment of the call.
  const client = {
    status(subscriptionKey: string): Promise<StatusResult> {
      const task = byKey.get(subscriptionKey);
      if (!task) return Promise.reject(new Error('unknown task'));
      const now = clock.now();
      const list = calls.get(subscriptionKey) ?? [];
      list.push(now);
      calls.set(subscriptionKey, list);
      allCalls.push(now);
      const result = statusAt(task, now);
      if (!detectedAt.has(subscriptionKey) && isFinished(deriveTaskState(result.jobs))) {
        detectedAt.set(subscriptionKey, now);
      }
      return Promise.resolve(result);
    },
  };

  const scheduler = createScheduler({
    clock,
    client,
    tracker,
    random: createRandom(7),
    ...(options.budgetPerMinute !== undefined ? { budgetPerMinute: options.budgetPerMinute } : {}),
    ...(options.tuning ? { tuning: options.tuning } : {}),
  });
  scheduler.start();
  for (const task of workload) {
    clock.setTimeout(() => {
      tracker.add({
        subscriptionKey: task.subscriptionKey,
        label: task.subscriptionKey.slice(-6),
        ...(task.tierKnown ? { tier: task.tier } : {}),
      });
    }, task.addedAt - start);
  }
  await clock.runUntilIdle(48 * 3600_000);
  scheduler.stop();

  let ourCalls = 0;
  let naiveCalls = 0;
  const ours: number[] = [];
  const naive: number[] = [];
  let minGap = Infinity;
  let undetected = 0;
  for (const task of workload) {
    const list = calls.get(task.subscriptionKey) ?? [];
    ourCalls += list.length;
    for (let i = 1; i < list.length; i++) minGap = Math.min(minGap, list[i]! - list[i - 1]!);
    const n = naivePolling(task);
    naiveCalls += n.calls;
    // Tasks already over when pasted have no finish to detect; they cost one call either way.
    if (task.finishAt <= task.addedAt) continue;
    const seen = detectedAt.get(task.subscriptionKey);
    if (seen === undefined) {
      undetected++;
      continue;
    }
    ours.push(seen - task.finishAt);
    naive.push(n.latencyMs);
  }
  let maxPerMinute = 0;
  for (let i = 0, j = 0; i < allCalls.length; i++) {
    while (allCalls[i]! - allCalls[j]! >= 60_000) j++;
    maxPerMinute = Math.max(maxPerMinute, i - j + 1);
  }

  const stats = scheduler.stats();
  const tasks = workload.length;
  const measured = ours.length;
  const result = {
    tasks,
    callsPerTask: ourCalls / tasks,
    naiveCallsPerTask: naiveCalls / tasks,
    callsPercentOfNaive: (100 * ourCalls) / naiveCalls,
    p50LatencyS: percentile(ours, 0.5) / 1000,
    p95LatencyS: percentile(ours, 0.95) / 1000,
    naiveP50LatencyS: percentile(naive, 0.5) / 1000,
    naiveP95LatencyS: percentile(naive, 0.95) / 1000,
    maxLatencyS: Math.max(0, ...ours) / 1000,
    budgetDelayedCalls: stats.budgetDelayedCalls,
    minGapS: minGap / 1000,
    maxCallsPerMinute: maxPerMinute,
    undetected,
    wallMs: 0,
  };
  result.wallMs = performance.now() - wallStart;

  const tiers = [...new Set(workload.map((t) => t.tier))].join(', ');
  const pad = (s: string) => s.padEnd(34);
  const lines = [
    `Scheduler benchmark: ${tasks} generated tasks (${tiers}) arriving over ${Math.round(
      (options.arrivalSpreadMs ?? WORKLOAD_DEFAULTS.arrivalSpreadMs) / 60_000,
    )} min, seed ${options.seed ?? WORKLOAD_DEFAULTS.seed}; ${measured} finishes measured, ${
      tasks - measured - undetected
    } already over when pasted, ${undetected} never detected.`,
    `${pad('')}${'adaptive'.padStart(10)}${'naive 5 s'.padStart(12)}`,
    `${pad('status calls per task')}${fmt(result.callsPerTask)}${fmt(result.naiveCallsPerTask, 12)}`,
    `${pad('detection latency p50 (s)')}${fmt(result.p50LatencyS)}${fmt(result.naiveP50LatencyS, 12)}`,
    `${pad('detection latency p95 (s)')}${fmt(result.p95LatencyS)}${fmt(result.naiveP95LatencyS, 12)}`,
    `${pad('detection latency max (s)')}${fmt(result.maxLatencyS)}${fmt(Math.max(0, ...naive) / 1000, 12)}`,
    `Politeness: shortest gap for one task ${result.minGapS.toFixed(1)} s (floor 2 s); busiest minute ${
      result.maxCallsPerMinute
    } calls (budget ${options.budgetPerMinute ?? 60}/min); ${
      result.budgetDelayedCalls > 0
        ? `the budget delayed ${result.budgetDelayedCalls} calls by ${(stats.budgetDelayMs / 1000).toFixed(0)} s in total`
        : 'the budget never delayed a call'
    }. Naive polling is computed on the same workload and ignores the budget. (${Math.round(result.wallMs)} ms)`,
    `scheduler: calls ${result.callsPercentOfNaive.toFixed(1)}% of naive, p95 latency ${result.p95LatencyS.toFixed(1)} s`,
  ];
  return { ...result, lines };
}

function fmt(n: number, width = 10): string {
  return n.toFixed(1).padStart(width);
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runSchedulerBench();
  for (const line of result.lines) console.log(line);
}
