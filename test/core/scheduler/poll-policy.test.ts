import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/core/scheduler/backoff';
import { createDurationModel } from '../../../src/core/scheduler/duration-model';
import { MAX_POLL_GAP_MS, MIN_POLL_GAP_MS, nextPollDelay, quantileCdf } from '../../../src/core/scheduler/poll-policy';
import type { PollPolicyInput } from '../../../src/core/scheduler/poll-policy';
import { createRequestBudget } from '../../../src/core/scheduler/request-budget';

const T0 = 1_000_000;
const model = createDurationModel();

function input(task: Partial<PollPolicyInput['task']>, extra: Partial<PollPolicyInput> = {}): PollPolicyInput {
  return {
    now: T0,
    task: { state: 'waiting', jobs: [], addedAt: T0, ...task },
    generationQuantiles: model.generationQuantiles(task.tier),
    queueQuantiles: model.queueQuantiles(),
    ...extra,
  };
}

/** The gap's shape without the 30 s cap on it, to compare long jumps. */
const uncapped = { tuning: { longestGapMs: MAX_POLL_GAP_MS } };
const waiting = (queueLength?: number) => [{ uuid: 'j', status: 'Waiting', ...(queueLength ? { queueLength } : {}) }];
const generatingJobs = [{ uuid: 'j', status: 'Generating' }];

describe('poll policy', () => {
  it('never polls a finished task', () => {
    expect(nextPollDelay(input({ state: 'done', lastPolledAt: T0 }))).toBe(Infinity);
    expect(nextPollDelay(input({ state: 'canceled', lastPolledAt: T0 }))).toBe(Infinity);
  });

  it('looks at a pasted task at once but gives a task we just submitted 5 s', () => {
    expect(nextPollDelay(input({}))).toBe(0);
    expect(nextPollDelay(input({ tier: 'Regular' }))).toBe(5_000);
  });

  it('waits longer for a long queue than for a short one', () => {
    const long = nextPollDelay(input({ jobs: waiting(12), lastPolledAt: T0 }, uncapped));
    const short = nextPollDelay(input({ jobs: waiting(1), lastPolledAt: T0 }, uncapped));
    expect(long).toBeGreaterThan(short * 3);
    expect(short).toBeGreaterThanOrEqual(MIN_POLL_GAP_MS);
  });

  it('stays away early in a generation and polls every few seconds when the finish is likely', () => {
    const task = {
      state: 'generating' as const,
      jobs: generatingJobs,
      tier: 'Regular',
      generatingSince: T0,
      lastPolledAt: T0,
    };
    const early = nextPollDelay(input(task, { lastSeenWaitingAt: T0 - 3_000 }));
    expect(early).toBeGreaterThan(20_000);
    const late = nextPollDelay(
      input({ ...task, lastPolledAt: T0 + 70_000 }, { now: T0 + 70_000, lastSeenWaitingAt: T0 - 3_000 }),
    );
    expect(late).toBeLessThanOrEqual(6_000);
    expect(late).toBeGreaterThanOrEqual(MIN_POLL_GAP_MS);
  });

  it('expects a Sketch to finish sooner than a Gen-2 task', () => {
    const base = { state: 'generating' as const, jobs: generatingJobs, generatingSince: T0, lastPolledAt: T0 };
    const sketch = nextPollDelay(input({ ...base, tier: 'Sketch' }, { lastSeenWaitingAt: T0 - 2_000 }));
    const gen2 = nextPollDelay(input({ ...base, tier: 'Gen-2' }, { lastSeenWaitingAt: T0 - 2_000 }));
    expect(sketch).toBeLessThan(gen2);
  });

  it('keeps watching a task far past any expected duration, never more than 5 minutes apart', () => {
    const base = { state: 'generating' as const, jobs: generatingJobs, tier: 'Sketch', generatingSince: T0 };
    let previous = 0;
    for (const hours of [0.1, 1, 5, 48]) {
      const now = T0 + hours * 3600_000;
      const delay = nextPollDelay(input({ ...base, lastPolledAt: now }, { now, lastSeenWaitingAt: T0 - 2_000 }));
      expect(delay).toBeLessThanOrEqual(MAX_POLL_GAP_MS);
      expect(delay).toBeGreaterThanOrEqual(previous);
      previous = delay;
    }
    expect(previous).toBe(MAX_POLL_GAP_MS);
  });

  it('never leaves more than 30 s between two calls while a finish (or a failure) may come, until long overdue', () => {
    const base = { state: 'generating' as const, jobs: generatingJobs, tier: 'Gen-2', generatingSince: T0 };
    for (const elapsed of [0, 10_000, 60_000, 200_000, 600_000]) {
      const now = T0 + elapsed;
      const delay = nextPollDelay(input({ ...base, lastPolledAt: now }, { now, lastSeenWaitingAt: T0 - 2_000 }));
      expect(delay, `${elapsed / 1000} s into the generation`).toBeLessThanOrEqual(30_000);
    }
    expect(nextPollDelay(input({ jobs: waiting(40), lastPolledAt: T0 }))).toBeLessThanOrEqual(30_000);
    const stuck = T0 + 3600_000;
    expect(nextPollDelay(input({ ...base, lastPolledAt: stuck }, { now: stuck }))).toBeGreaterThan(30_000);
  });

  it('asks a queued task again at the guessed median pace, and once the pace is learned only when even its slow end is through', () => {
    const queued = { jobs: waiting(4), tier: 'Regular', lastPolledAt: T0 };
    // The guess: 4-20 s a position, median 10 s: four positions are asked about after about 40 s (capped at 30 s).
    const guessed = nextPollDelay(input(queued, { ...uncapped }));
    expect(guessed).toBeGreaterThanOrEqual(35_000);
    expect(guessed).toBeLessThanOrEqual(45_000);
    // Learned: positions clear in 5-6 s; ask once even 6 s a position would be through (x1.2), not at 5.5 s each.
    const learned = createDurationModel();
    for (let i = 0; i < 6; i++) learned.recordQueuePosition(5_000 + i * 200);
    expect(createDurationModel().queuePaceLearned()).toBe(false);
    expect(learned.queuePaceLearned()).toBe(true);
    const known = nextPollDelay({
      ...input(queued, { ...uncapped }),
      queueQuantiles: learned.queueQuantiles(),
      queuePaceLearned: true,
    });
    expect(known).toBeGreaterThanOrEqual(1.2 * 4 * 6_000);
    expect(known).toBeLessThanOrEqual(1.2 * 4 * 6_500);
    // The same learned pace taken at its median would ask about 5 s a position sooner.
    const atMedian = nextPollDelay({ ...input(queued, { ...uncapped }), queueQuantiles: learned.queueQuantiles() });
    expect(atMedian).toBeLessThan(known - 4 * 1_000);
  });

  it('uses what was learned: a tier that turned out fast is polled sooner', () => {
    const learned = createDurationModel();
    for (let i = 0; i < 20; i++) learned.recordGeneration('Regular', 30_000 + i * 100);
    const task = {
      state: 'generating' as const,
      jobs: generatingJobs,
      tier: 'Regular',
      generatingSince: T0,
      lastPolledAt: T0,
    };
    const prior = nextPollDelay(input(task, { lastSeenWaitingAt: T0 - 2_000, ...uncapped }));
    const fast = nextPollDelay({
      ...input(task, { lastSeenWaitingAt: T0 - 2_000, ...uncapped }),
      generationQuantiles: learned.generationQuantiles('Regular'),
    });
    expect(fast).toBeLessThan(prior);
  });
});

describe('duration model', () => {
  it('starts from the documented typical durations and moves to what it observes', () => {
    const m = createDurationModel();
    const median = (q: readonly number[]) => q[Math.floor(q.length / 2)]!;
    expect(median(m.generationQuantiles('Sketch'))).toBeCloseTo(20_000, -3);
    for (let i = 0; i < 30; i++) m.recordGeneration('Sketch', 40_000);
    expect(median(m.generationQuantiles('Sketch'))).toBe(40_000);
    expect(m.sampleCount('Sketch')).toBe(30);
    expect(m.sampleCount()).toBe(30);
  });

  it('spreads identical learned durations a little, so gaps between samples never read as impossible', () => {
    const m = createDurationModel();
    for (let i = 0; i < 30; i++) m.recordGeneration('Regular', 60_000);
    const q = m.generationQuantiles('Regular');
    expect(q[0]!).toBeLessThan(60_000);
    expect(q.at(-1)!).toBeGreaterThan(60_000);
    expect(q.at(-1)! - q[0]!).toBeLessThan(12_000);
  });

  it('gives ascending quantiles that quantileCdf inverts', () => {
    const q = createDurationModel().generationQuantiles();
    expect([...q].sort((a, b) => a - b)).toEqual([...q]);
    expect(quantileCdf(q, q[0]! - 1)).toBe(0);
    expect(quantileCdf(q, q.at(-1)!)).toBe(1);
    expect(quantileCdf(q, q[Math.floor(q.length / 2)]!)).toBeCloseTo(0.5, 1);
  });
});

describe('backoff', () => {
  it('grows from 5 s to at most 5 minutes, with jitter', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelay(n, () => 0.5));
    expect(delays[0]).toBe(5_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays.at(-1)).toBe(300_000);
    expect(backoffDelay(3, () => 0)).not.toBe(backoffDelay(3, () => 0.99));
    for (const r of [0, 0.5, 0.999]) {
      for (let n = 1; n < 30; n++) {
        expect(backoffDelay(n, () => r)).toBeGreaterThanOrEqual(5_000);
        expect(backoffDelay(n, () => r)).toBeLessThanOrEqual(300_000);
      }
    }
  });
});

describe('request budget', () => {
  it('paces calls evenly after a small burst instead of letting the minute go at once', () => {
    const budget = createRequestBudget(60);
    const starts: number[] = [];
    for (let now = 0; starts.length < 30;) {
      const at = budget.nextAllowedAt(now);
      budget.record(at);
      starts.push(at);
      now = at;
    }
    expect(starts.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(starts.slice(5, 8)).toEqual([1_000, 2_000, 3_000]);
    for (const [i, at] of starts.entries()) {
      expect(
        starts.filter((t) => t >= at && t < at + 5_000).length,
        `calls in the 5 s from call ${i}`,
      ).toBeLessThanOrEqual(10);
    }
  });

  it('never allows more than N calls in a sliding minute, even with a burst saved up', () => {
    const budget = createRequestBudget(3);
    expect(budget.nextAllowedAt(0)).toBe(0);
    budget.record(0);
    expect(budget.nextAllowedAt(1_000)).toBe(20_000);
    budget.record(20_000);
    budget.record(40_000);
    expect(budget.nextAllowedAt(41_000)).toBe(60_000);
  });

  it('refills the burst after a quiet spell', () => {
    const budget = createRequestBudget(60);
    for (let i = 0; i < 5; i++) budget.record(0);
    expect(budget.nextAllowedAt(0)).toBe(1_000);
    for (let i = 0; i < 5; i++) {
      expect(budget.nextAllowedAt(10_000)).toBe(10_000);
      budget.record(10_000);
    }
    expect(budget.nextAllowedAt(10_000)).toBe(11_000);
  });

  it('spaces calls out for a while when asked, then lets them run freely again', () => {
    const budget = createRequestBudget(60);
    budget.spaceOut(1_000, 10_000);
    budget.record(0);
    expect(budget.nextAllowedAt(100)).toBe(1_000);
    budget.record(10_500);
    expect(budget.nextAllowedAt(10_600)).toBe(10_600);
  });
});

describe('poll policy refinements', () => {
  const generating = {
    state: 'generating' as const,
    jobs: generatingJobs,
    tier: 'Regular',
    generatingSince: T0,
    lastPolledAt: T0,
  };

  it('uses the queue position last seen to place the generation start late in a wide window', () => {
    const wide = { lastSeenWaitingAt: T0 - 60_000 };
    const unknown = nextPollDelay(input(generating, wide));
    const placed = nextPollDelay(input(generating, { ...wide, lastSeenQueueLength: 12 }));
    expect(placed).toBeGreaterThan(unknown);
  });

  it('jumps further when a finish near the end of the jump would still be seen quickly', () => {
    const at = { lastSeenWaitingAt: T0 - 3_000 };
    const strict = nextPollDelay(input(generating, { ...at, tuning: { graceMs: 0, longestGapMs: MAX_POLL_GAP_MS } }));
    const graced = nextPollDelay(input(generating, { ...at, ...uncapped }));
    expect(graced).toBeGreaterThan(strict + 3_000);
  });

  it('stays close to a task just past every expected duration, then backs off', () => {
    const poll = (elapsed: number) =>
      nextPollDelay(
        input({ ...generating, lastPolledAt: T0 + elapsed }, { now: T0 + elapsed, lastSeenWaitingAt: T0 - 1_000 }),
      );
    const longest = model.generationQuantiles('Regular').at(-1)!;
    expect(poll(longest * 1.5)).toBeLessThanOrEqual(6_000);
    expect(poll(longest * 4)).toBeGreaterThan(20_000);
  });
});
