import { describe, expect, it } from 'vitest';
import { expectedFinish } from '../../../src/core/scheduler/call-benefit';
import { raiseByFinishOrder } from '../../../src/core/scheduler/finish-order';
import type { OrderedCandidate } from '../../../src/core/scheduler/finish-order';

const NOW = 1_000_000;
const candidate = (c: Partial<OrderedCandidate>): OrderedCandidate => ({
  tier: 'Regular',
  submittedAt: 0,
  worth: 5_000,
  since: NOW - 100_000,
  ...c,
});

describe('finish order', () => {
  it('raises an earlier task of the tier to the wait a later one seen done implies', () => {
    const [raised] = raiseByFinishOrder(
      [candidate({ submittedAt: 10_000 })],
      [{ tier: 'Regular', submittedAt: 20_000, finishedAbout: NOW - 40_000 }],
      NOW,
    );
    expect(raised).toBe(40_000);
  });

  it('raises an earlier task to the worth of a later one of its tier that is likely done', () => {
    const raised = raiseByFinishOrder(
      [candidate({ submittedAt: 10_000, worth: 3_000 }), candidate({ submittedAt: 20_000, worth: 40_000 })],
      [],
      NOW,
    );
    expect(raised).toEqual([40_000, 40_000]);
  });

  it('is not lifted by a later task that is only faintly likely done', () => {
    // Unseen for 100 s with a worth of 20 s: on average a one-in-five chance it finished meanwhile.
    const raised = raiseByFinishOrder(
      [candidate({ submittedAt: 10_000, worth: 3_000 }), candidate({ submittedAt: 20_000, worth: 20_000 })],
      [],
      NOW,
    );
    expect(raised).toEqual([3_000, 20_000]);
  });

  it('says nothing across tiers, about later tasks, about tasks submitted in the same millisecond, or without a tier', () => {
    const seen = { submittedAt: 20_000, finishedAbout: NOW - 40_000 };
    const raised = raiseByFinishOrder(
      [
        candidate({ tier: 'Sketch', submittedAt: 10_000 }),
        candidate({ submittedAt: 30_000 }),
        candidate({ submittedAt: 20_000 }),
        candidate({ tier: undefined, submittedAt: 10_000 }),
        candidate({ submittedAt: undefined }),
      ],
      [{ tier: 'Regular', ...seen }],
      NOW,
    );
    expect(raised).toEqual([5_000, 5_000, 5_000, 5_000, 5_000]);
  });

  it('ignores evidence from before the task was last seen unfinished, and never lowers a worth', () => {
    const raised = raiseByFinishOrder(
      [candidate({ submittedAt: 10_000, since: NOW - 10_000, worth: 2_000 }), candidate({ worth: 90_000 })],
      [
        // Finished before the earlier task's last look: a near tie, no news about the last 10 s.
        { tier: 'Regular', submittedAt: 20_000, finishedAbout: NOW - 30_000 },
        { tier: 'Regular', submittedAt: 20_000, finishedAbout: NOW - 1_000 },
      ],
      NOW,
    );
    expect(raised).toEqual([2_000, 90_000]);
  });
});

describe('expected finish', () => {
  /** Uniformly likely finish between 0 and 100 s. */
  const uniform = { cdf: (t: number) => Math.min(1, Math.max(0, t / 100_000)), overdueFrom: 0, longest: 100_000 };

  it('is the middle of the interval when every moment in it was as likely', () => {
    expect(expectedFinish(uniform, 20_000, 60_000)).toBeCloseTo(40_000, -2);
  });

  it('leans to where the model put the finish', () => {
    // All of the chance lies in (20 s, 30 s]: a task seen done at 90 s most likely finished there.
    const early = {
      cdf: (t: number) => Math.min(1, Math.max(0, (t - 20_000) / 10_000)),
      overdueFrom: 0,
      longest: 30_000,
    };
    const estimate = expectedFinish(early, 0, 90_000);
    expect(estimate).toBeGreaterThan(20_000);
    expect(estimate).toBeLessThan(32_000);
  });
});
