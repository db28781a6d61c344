import { describe, expect, it } from 'vitest';
import { lowerBoundP95, roundRobinPolling, servedOldestFirst } from '../../bench/baselines';
import { informedBoundMs, informedFinishWindow } from '../../bench/informed-bound';
import { bestInformedPlanner, informedPlanner } from '../../bench/informed-planner';
import type { InformedPlan, PlanPair } from '../../bench/informed-planner';
import { renderP95Chart } from '../../bench/p95-chart';
import { runLoadBench } from '../../bench/load-bench';
import { busiestWindow, naivePolling, runSchedulerBench } from '../../bench/scheduler-bench';
import { createWorkload, statusAt } from '../../bench/workload';
import type { WorkloadTask } from '../../bench/workload';

/** A task of the workload's shape that finishes at `finishAt` (ms after 0), added at `addedAt`. */
function task(i: number, finishAt: number, addedAt = 0): WorkloadTask {
  const [base] = createWorkload({ seed: 1, tasks: 1 });
  return { ...base!, subscriptionKey: `key-${i}`, submittedAt: addedAt, addedAt, finishAt };
}

describe('scheduler benchmark', () => {
  it('generates the same workload for the same seed, with queues, tiers and a few failures', () => {
    const a = createWorkload({ seed: 5, tasks: 200 });
    expect(createWorkload({ seed: 5, tasks: 200 })).toEqual(a);
    expect(new Set(a.map((t) => t.tier)).size).toBeGreaterThanOrEqual(3);
    expect(a.some((t) => t.queueLength > 5)).toBe(true);
    expect(a.some((t) => t.outcome === 'Failed')).toBe(true);
    const queued = a.find((t) => t.queueLength > 3)!;
    expect(statusAt(queued, queued.submittedAt).jobs[0]).toMatchObject({
      status: 'Waiting',
      queueLength: queued.queueLength,
    });
    expect(statusAt(queued, queued.submittedAt + queued.queueMs + 1).jobs[0]?.status).toMatch(/Generating|Failed|Done/);
  });

  it('queues a batch in one queue: first in, first out, and tasks submitted together wait about as long', () => {
    const batch = createWorkload({ seed: 2, tasks: 100, arrivalSpreadMs: 60_000 });
    const leave = batch.map((t) => t.submittedAt + t.queueMs);
    for (let i = 1; i < leave.length; i++) expect(leave[i]).toBeGreaterThanOrEqual(leave[i - 1]!);
    const waits = batch.map((t) => t.queueMs).sort((a, b) => a - b);
    expect(waits.at(-1)! - waits[0]!).toBeLessThan(70_000);
    // Over an hour the queue changes: some tasks start at once, others wait up to two minutes.
    const hour = createWorkload({ seed: 2 });
    expect(hour.some((t) => t.queueLength === 0)).toBe(true);
    expect(hour.some((t) => t.queueMs > 60_000)).toBe(true);
  });

  it('measures naive latency as the wait from the real finish to the next 5 s poll', () => {
    const n = naivePolling(task(0, 12_000));
    expect(n).toEqual({ calls: 3, latencyMs: 3_000 });
  });

  it('keeps the floor, the budget and its pacing, and ends with the machine-readable line', async () => {
    const result = await runSchedulerBench({ seed: 9, tasks: 60, arrivalSpreadMs: 15 * 60_000 });
    expect(result.minGapS).toBeGreaterThanOrEqual(2);
    expect(result.maxCallsPerMinute).toBeLessThanOrEqual(60);
    expect(result.maxCallsIn5s).toBeLessThanOrEqual(10);
    expect(result.undetected).toBe(0);
    expect(result.callsPercentOfNaive).toBeLessThan(100);
    expect(result.lines.at(-1)).toMatch(/^scheduler: calls \d+\.\d% of naive, p95 latency \d+\.\d s$/);
  });

  it('counts the busiest window of calls', () => {
    expect(busiestWindow([0, 1_000, 4_999, 5_000, 9_000], 5_000)).toBe(3);
    expect(busiestWindow([], 5_000)).toBe(0);
  });
});

describe('baselines', () => {
  it('round-robin asks one task a second, the one asked longest ago, never one twice within 5 s', () => {
    const outcomes = roundRobinPolling([task(0, 7_000), task(1, 60_000)], 60);
    // Task 0: asked at 0, 5 s and 10 s (each time it is the only one allowed or the one asked longest ago).
    expect(outcomes[0]).toEqual({ calls: 3, latencyMs: 3_000 });
    expect(outcomes[1]!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(outcomes[1]!.latencyMs).toBeLessThan(5_000);
  });

  it('round-robin falls behind when the budget cannot go round in 5 s', () => {
    const many = Array.from({ length: 30 }, (_, i) => task(i, 10_000));
    const late = roundRobinPolling(many, 60).map((o) => o.latencyMs!);
    expect(Math.max(...late)).toBeGreaterThanOrEqual(19_000);
  });

  it('in hindsight gives each call to the finish that has waited longest, and none before a finish', () => {
    const tasks = [task(0, 10_000), task(1, 4_000), task(2, 3_000, 6_000)];
    // Task 2 was over when added (at 6 s): it takes a call, from then on, but its wait is not a latency.
    const outcomes = servedOldestFirst(tasks, [1_000, 5_000, 7_000, 8_000, 12_000, 13_000]);
    expect(outcomes).toEqual([{ calls: 1, latencyMs: 2_000 }, { calls: 1, latencyMs: 1_000 }, { calls: 1 }]);
    // Calls spent before any finish are lost, as they are for a scheduler.
    expect(servedOldestFirst([task(0, 10_000)], [1_000, 2_000])).toEqual([{ calls: 0 }]);
  });

  it('bounds p95 by what one call per finish within the paced budget allows', () => {
    // 100 finishes at the same moment, 60 calls a minute after a burst of 5: the 95th is seen no sooner than 90 s later.
    const together = Array.from({ length: 100 }, (_, i) => task(i, 1_000));
    expect(lowerBoundP95([together], 60)).toBeGreaterThanOrEqual(89_000);
    expect(lowerBoundP95([together], 60)).toBeLessThanOrEqual(91_000);
    // Finishes spread a second apart can all be seen at once.
    const spread = Array.from({ length: 100 }, (_, i) => task(i, 1_000 * (i + 1)));
    expect(lowerBoundP95([spread], 60)).toBeLessThan(200);
  });
});

describe('bound for a scheduler told each tier and generation start', () => {
  /** A Regular task (70 s typical) whose generation starts at `start` and takes exactly the typical time. */
  const regular = (i: number, start: number): WorkloadTask => ({
    ...task(i, start + 70_000, start),
    tier: 'Regular',
    queueMs: 0,
    generateMs: 70_000,
    outcome: 'Done',
  });

  it("needs no more than the budget's own pace for a task on its own", () => {
    // One task: the central 95 % of a Regular generation (sigma 0.15) spans about 41 s; calls every L s across it fit
    // a burst of 5 and one a second once L is a little under a second.
    const alone = informedBoundMs([regular(0, 0)], 60);
    expect(alone).toBeGreaterThan(800);
    expect(alone).toBeLessThan(1_000);
  });

  it('grows when tasks that start together need more calls than the budget has', () => {
    // 40 Regular tasks starting together need ceil(41 s / L) calls each inside 41 s + L: at 60 calls a minute
    // two calls each (80) fit only once L is about 34 s.
    const together = Array.from({ length: 40 }, (_, i) => regular(i, 0));
    const bound = informedBoundMs(together, 60);
    expect(bound).toBeGreaterThan(20_000);
    expect(bound).toBeLessThan(60_000);
    // The same tasks a minute apart each have the budget to themselves.
    const apart = Array.from({ length: 40 }, (_, i) => regular(i, i * 60_000));
    expect(informedBoundMs(apart, 60)).toBeLessThan(1_000);
  });
});

describe('planner told each generation start', () => {
  const regular = (i: number, start: number, generateMs = 70_000, tierKnown = true): WorkloadTask => ({
    ...task(i, start + generateMs, start),
    tier: 'Regular',
    tierKnown,
    queueMs: 0,
    generateMs,
    outcome: 'Done',
  });
  /** The same plan for tasks the app submitted and for pasted ones. */
  const both = (plan: InformedPlan): PlanPair => ({ submitted: plan, pasted: plan });

  it('first calls a task a revisit after its earliest likely finish, then every revisit until it is done', () => {
    const late = regular(0, 0, 80_000);
    const { lo } = informedFinishWindow(late);
    const [outcome] = informedPlanner([late], 60, both({ firstShare: 0, revisitMs: 10_000 }));
    const calls = Math.ceil((80_000 - lo) / 10_000);
    expect(outcome!.calls).toBe(calls);
    expect(outcome!.latencyMs).toBeCloseTo(lo + calls * 10_000 - 80_000, -1);
    // Starting a fifth of the way into the window saves the early calls.
    const [later] = informedPlanner([late], 60, both({ firstShare: 0.2, revisitMs: 10_000 }));
    expect(later!.calls).toBeLessThan(calls);
  });

  it('serves the most overdue first when the budget binds, and keeps the best plan for the workload', () => {
    // 40 tasks due together: the budget's pace, not the plan, decides how late the last is seen.
    const together = Array.from({ length: 40 }, (_, i) => regular(i, 0));
    const late = informedPlanner(together, 60, both({ firstShare: 0, revisitMs: 1_000 })).map((o) => o.latencyMs!);
    expect(Math.max(...late)).toBeGreaterThan(30_000);
    const best = bestInformedPlanner(together, 60);
    const worstOf = (outcomes: { latencyMs?: number }[]) => Math.max(...outcomes.map((o) => o.latencyMs!));
    expect(worstOf(best.outcomes)).toBeLessThanOrEqual(Math.max(...late));
    expect(best.plans.submitted.revisitMs).toBeGreaterThan(0);
  });

  it('plans the tasks the app submitted and pasted ones apart', () => {
    // Twenty submitted tasks finish early, twenty pasted ones late: each kind is best served by its own plan.
    const early = Array.from({ length: 20 }, (_, i) => regular(i, 0, 60_000));
    const late = Array.from({ length: 20 }, (_, i) => regular(20 + i, 0, 85_000, false));
    const outcomes = informedPlanner([...early, ...late], 60, {
      submitted: { firstShare: 0, revisitMs: 1_000 },
      pasted: { firstShare: 0.4, revisitMs: 30_000 },
    });
    const pastedCalls = outcomes.slice(20).reduce((n, o) => n + o.calls, 0);
    const sameAsSubmitted = informedPlanner([...early, ...late], 60, both({ firstShare: 0, revisitMs: 1_000 }));
    expect(pastedCalls).toBeLessThan(sameAsSubmitted.slice(20).reduce((n, o) => n + o.calls, 0));
  });

  it("untold a pasted task's tier, allows for every tier's finish", () => {
    const pasted = regular(0, 0, 70_000, false);
    const told = informedFinishWindow(pasted);
    const untold = informedFinishWindow(pasted, { tierKnown: false });
    // Sketch (20 s) can be done far sooner than a Regular, Gen-2.5 (120 s) far later.
    expect(untold.lo).toBeLessThan(told.lo - 30_000);
    expect(untold.hi).toBeGreaterThan(told.hi + 40_000);
    const plan = both({ firstShare: 0, revisitMs: 10_000 });
    const [knowing] = informedPlanner([pasted], 60, plan);
    const [guessing] = informedPlanner([pasted], 60, plan, { pastedTier: false });
    expect(guessing!.calls).toBeGreaterThan(knowing!.calls);
    // A task the app submitted keeps its tier either way.
    const submitted = regular(1, 0);
    expect(informedPlanner([submitted], 60, plan, { pastedTier: false })).toEqual(
      informedPlanner([submitted], 60, plan),
    );
  });
});

describe('load benchmark', () => {
  it('prints every strategy beside the lower bound and draws the p95 chart', async () => {
    const result = await runLoadBench({
      scenarios: [
        { name: '10 tasks within 10 s', tasks: 10, arrivalSpreadMs: 10_000, burst: true },
        { name: '40 tasks within 20 s', tasks: 40, arrivalSpreadMs: 20_000, burst: true },
      ],
      seeds: [4],
    });
    const [small, large] = result.scenarios;
    expect(large!.strategies['round-robin'].p95S).toBeGreaterThan(small!.strategies['round-robin'].p95S);
    expect(large!.strategies.adaptive.p95S).toBeGreaterThanOrEqual(large!.lowerBoundP95S);
    // The same calls aimed with hindsight can only do better, and no better than the oracle's bound.
    expect(large!.strategies.hindsight.p95S).toBeLessThanOrEqual(large!.strategies.adaptive.p95S);
    expect(large!.strategies.hindsight.p95S).toBeGreaterThanOrEqual(large!.lowerBoundP95S);
    // The yardsticks are schedulers too: told more or not, none beats what an oracle's one call per task allows.
    expect(large!.strategies.informed.p95S).toBeGreaterThanOrEqual(large!.lowerBoundP95S);
    expect(large!.strategies['informed, start only'].p95S).toBeGreaterThanOrEqual(large!.lowerBoundP95S);
    expect(large!.maxAdaptiveCallsIn5s).toBeLessThanOrEqual(10);
    expect(large!.informedBoundPerSeedS).toHaveLength(1);
    expect(large!.strategies.adaptive.perSeed[0]!.p95S).toBeGreaterThanOrEqual(large!.informedBoundPerSeedS[0]!);
    for (const name of [
      'adaptive',
      "adaptive's calls, oldest finish first",
      'told tier and start, EDF',
      'told start, not pasted tiers, EDF',
      'round-robin',
      'naive 5 s',
      'lower bound',
      'tier and start known',
    ]) {
      expect(result.lines.join('\n')).toContain(name);
    }
    expect(result.chartSvg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(result.chartSvg.match(/<polyline /g)).toHaveLength(8);
    expect(renderP95Chart(result.scenarios, 60)).toContain('40 within 20 s');
  });
});
