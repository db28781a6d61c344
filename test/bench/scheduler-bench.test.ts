import { describe, expect, it } from 'vitest';
import { naivePolling, runSchedulerBench } from '../../bench/scheduler-bench';
import { createWorkload, statusAt } from '../../bench/workload';

describe('scheduler benchmark', () => {
  it('generates the same workload for the same seed, with queues, tiers and a few failures', () => {
    const a = createWorkload({ seed: 5, tasks: 200 });
    expect(createWorkload({ seed: 5, tasks: 200 })).toEqual(a);
    expect(new Set(a.map((t) => t.tier)).size).toBeGreaterThanOrEqual(3);
    expect(a.some((t) => t.queueLength > 5)).toBe(true);
    expect(a.some((t) => t.outcome === 'Failed')).toBe(true);
    const task = a.find((t) => t.queueLength > 3)!;
    expect(statusAt(task, task.submittedAt).jobs[0]).toMatchObject({
      status: 'Waiting',
      queueLength: task.queueLength,
    });
    expect(statusAt(task, task.submittedAt + task.queueMs + 1).jobs[0]?.status).toMatch(/Generating|Failed|Done/);
  });

  it('measures naive latency as the wait from the real finish to the next 5 s poll', () => {
    const [task] = createWorkload({ seed: 1, tasks: 1 });
    const n = naivePolling({ ...task!, addedAt: 0, finishAt: 12_000 });
    expect(n).toEqual({ calls: 3, latencyMs: 3_000 });
  });

  it('keeps the floor and the budget and ends with the machine-readable line', async () => {
    const result = await runSchedulerBench({ seed: 9, tasks: 60, arrivalSpreadMs: 15 * 60_000 });
    expect(result.minGapS).toBeGreaterThanOrEqual(2);
    expect(result.maxCallsPerMinute).toBeLessThanOrEqual(60);
    expect(result.undetected).toBe(0);
    expect(result.callsPercentOfNaive).toBeLessThan(100);
    expect(result.lines.at(-1)).toMatch(/^scheduler: calls \d+\.\d% of naive, p95 latency \d+\.\d s$/);
  });
});
