import { describe, expect, it } from 'vitest';
import { guardedWorth, starvationLimitMs } from '../../../src/core/scheduler/starvation-guard';

describe('starvation guard', () => {
  it('holds while the budget could ask every watched task within the longest gap, a few calls short of it', () => {
    // 60/min: one call a second, so 30 tasks fit in 30 s.
    expect(starvationLimitMs(30, 30_000, 1_000)).toBe(27_000);
    expect(starvationLimitMs(31, 30_000, 1_000)).toBeUndefined();
    // 10/min: one call every 6 s, so only 5 tasks fit, and the slack is 18 s.
    expect(starvationLimitMs(5, 30_000, 6_000)).toBe(12_000);
    expect(starvationLimitMs(6, 30_000, 6_000)).toBeUndefined();
  });

  it('puts a starved task before every other, however likely done the others are', () => {
    const limit = 27_000;
    const starved = guardedWorth(0, 27_000, limit);
    const likelyDone = guardedWorth(26_000, 26_500, limit);
    expect(starved).toBeGreaterThan(likelyDone);
    expect(likelyDone).toBe(26_000);
  });

  it('among starved tasks, puts the longest unseen first, a likely finish counting as more waiting', () => {
    const limit = 27_000;
    expect(guardedWorth(0, 40_000, limit)).toBeGreaterThan(guardedWorth(0, 30_000, limit));
    expect(guardedWorth(20_000, 30_000, limit)).toBeGreaterThan(guardedWorth(0, 30_000, limit));
  });

  it('leaves the worth alone when the bound cannot hold or the task was never seen', () => {
    expect(guardedWorth(1_000, 600_000, undefined)).toBe(1_000);
    expect(guardedWorth(1_000, undefined, 27_000)).toBe(1_000);
  });
});
