// The real scheduler against a generated workload in simulated time, side by side with naive fixed 5 s polling.
import { pathToFileURL } from 'node:url';
import { createFakeClock } from '../src/core/fake-clock';
import type { StatusResult } from '../src/core/rodin/types';
import { createScheduler } from '../src/core/scheduler/scheduler';
import type { PollTuning } from '../src/core/scheduler/poll-policy';
import { deriveTaskState, isFinished } from '../src/core/tasks/task';
import { createTaskTracker } from '../src/core/tasks/task-tracker';
import { createRandom, createWorkload, statusAt, WORKLOAD_DEFAULTS, WORKLOAD_TIERS } from './workload';
import type { WorkloadOptions, WorkloadTask } from './workload';

export const NAIVE_INTERVAL_MS = 5_000;

export const DEFAULT_SEEDS = [1, 2, 3, 4, 5, 6];

export interface SchedulerBenchOptions extends WorkloadOptions {
  /** Independent workloads to pool (default 1 to 6); `seed` alone runs one. */
  seeds?: number[];
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

interface RunRecord {
  calls: number[];
  ourLatencies: number[];
  naiveLatencies: number[];
  ourCalls: number;
  naiveCalls: number;
  minGap: number;
  maxPerMinute: number;
  undetected: number;
  alreadyOver: number;
  budgetDelayedCalls: number;
  budgetDelayMs: number;
}

/** One simulated stretch of time: a workload, a fresh tracker and scheduler, the fake service. */
async function runOnce(options: SchedulerBenchOptions, seed: number): Promise<RunRecord> {
  const start = options.start ?? WORKLOAD_DEFAULTS.start;
  const workload = createWorkload({ ...options, seed, start });
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
    random: createRandom(seed + 1),
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

  const record: RunRecord = {
    calls: allCalls,
    ourLatencies: [],
    naiveLatencies: [],
    ourCalls: 0,
    naiveCalls: 0,
    minGap: Infinity,
    maxPerMinute: 0,
    undetected: 0,
    alreadyOver: 0,
    budgetDelayedCalls: scheduler.stats().budgetDelayedCalls,
    budgetDelayMs: scheduler.stats().budgetDelayMs,
  };
  for (const task of workload) {
    const list = calls.get(task.subscriptionKey) ?? [];
    record.ourCalls += list.length;
    for (let i = 1; i < list.length; i++) record.minGap = Math.min(record.minGap, list[i]! - list[i - 1]!);
    const n = naivePolling(task);
    record.naiveCalls += n.calls;
    // Tasks already over when pasted have no finish to detect; they cost one call either way.
    if (task.finishAt <= task.addedAt) {
      record.alreadyOver++;
      continue;
    }
    const seen = detectedAt.get(task.subscriptionKey);
    if (seen === undefined) {
      record.undetected++;
      continue;
    }
    record.ourLatencies.push(seen - task.finishAt);
    record.naiveLatencies.push(n.latencyMs);
  }
  for (let i = 0, j = 0; i < allCalls.length; i++) {
    while (allCalls[i]! - allCalls[j]! >= 60_000) j++;
    record.maxPerMinute = Math.max(record.maxPerMinute, i - j + 1);
  }
  return record;
}

/**
 * Runs the workload for several seeds (independent simulated hours) and pools the figures, so one lucky or unlucky
 * draw does not decide the result.
 */
export async function runSchedulerBench(options: SchedulerBenchOptions = {}): Promise<SchedulerBenchResult> {
  const wallStart = performance.now();
  const seeds = options.seeds ?? (options.seed !== undefined ? [options.seed] : DEFAULT_SEEDS);
  const runs: RunRecord[] = [];
  for (const seed of seeds) runs.push(await runOnce(options, seed));
  const sum = (f: (r: RunRecord) => number) => runs.reduce((acc, r) => acc + f(r), 0);
  const ours = runs.flatMap((r) => r.ourLatencies);
  const naive = runs.flatMap((r) => r.naiveLatencies);
  const tasksPerRun = options.tasks ?? WORKLOAD_DEFAULTS.tasks;
  const tasks = tasksPerRun * runs.length;
  const ourCalls = sum((r) => r.ourCalls);
  const naiveCalls = sum((r) => r.naiveCalls);
  const budgetDelayedCalls = sum((r) => r.budgetDelayedCalls);
  const budgetDelayMs = sum((r) => r.budgetDelayMs);
  const undetected = sum((r) => r.undetected);
  const budget = options.budgetPerMinute ?? 60;
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
    budgetDelayedCalls,
    minGapS: Math.min(...runs.map((r) => r.minGap)) / 1000,
    maxCallsPerMinute: Math.max(...runs.map((r) => r.maxPerMinute)),
    undetected,
    wallMs: 0,
  };
  result.wallMs = performance.now() - wallStart;

  const tiers = WORKLOAD_TIERS.map((t) => `${t.tier} ~${t.typicalMs / 1000} s`).join(', ');
  const pad = (s: string) => s.padEnd(30);
  const perSeed = runs
    .map(
      (r, i) =>
        `seed ${seeds[i]}: ${((100 * r.ourCalls) / r.naiveCalls).toFixed(1)}% / p95 ${(
          percentile(r.ourLatencies, 0.95) / 1000
        ).toFixed(1)} s`,
    )
    .join('; ');
  const lines = [
    `Scheduler benchmark (simulated time): ${runs.length} runs x ${tasksPerRun} generated tasks arriving over ${Math.round(
      (options.arrivalSpreadMs ?? WORKLOAD_DEFAULTS.arrivalSpreadMs) / 60_000,
    )} min; tiers ${tiers} (log-normal spread ${options.generationSigma ?? WORKLOAD_DEFAULTS.generationSigma}), queues 0-120 s, ${
      WORKLOAD_DEFAULTS.pastedShare * 100
    }% pasted (tier unknown), ${WORKLOAD_DEFAULTS.failureShare * 100}% failures.`,
    `${ours.length} finishes measured, ${sum((r) => r.alreadyOver)} tasks already over when pasted, ${undetected} never detected.`,
    `${pad('')}${'adaptive'.padStart(10)}${'naive 5 s'.padStart(12)}`,
    `${pad('status calls per task')}${fmt(result.callsPerTask)}${fmt(result.naiveCallsPerTask, 12)}`,
    `${pad('detection latency p50 (s)')}${fmt(result.p50LatencyS)}${fmt(result.naiveP50LatencyS, 12)}`,
    `${pad('detection latency p95 (s)')}${fmt(result.p95LatencyS)}${fmt(result.naiveP95LatencyS, 12)}`,
    `${pad('detection latency max (s)')}${fmt(result.maxLatencyS)}${fmt(Math.max(0, ...naive) / 1000, 12)}`,
    `Per run: ${perSeed}.`,
    `Politeness: shortest gap for one task ${result.minGapS.toFixed(1)} s (floor 2 s); busiest minute ${
      result.maxCallsPerMinute
    } calls (budget ${budget}/min); ${
      budgetDelayedCalls > 0
        ? `the budget delayed ${budgetDelayedCalls} calls (${((100 * budgetDelayedCalls) / ourCalls).toFixed(1)}%) by ${(
            budgetDelayMs / 1000
          ).toFixed(0)} s in total`
        : 'the budget never delayed a call'
    }. Naive polling is computed on the same workloads and ignores the budget. (${Math.round(result.wallMs)} ms)`,
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
