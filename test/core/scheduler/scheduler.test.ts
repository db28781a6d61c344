import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import type { FakeClock } from '../../support/fake-clock';
import { AuthError, RateLimitedError, ServiceError, TransientError } from '../../../src/core/rodin/errors';
import type { StatusResult } from '../../../src/core/rodin/types';
import { createScheduler } from '../../../src/core/scheduler/scheduler';
import type { SchedulerOptions } from '../../../src/core/scheduler/scheduler';
import { createTaskTracker } from '../../../src/core/tasks/task-tracker';

type Answer = StatusResult | Error | ((key: string) => StatusResult | Error);

const generating: StatusResult = { jobs: [{ uuid: 'j', status: 'Generating' }] };
const done: StatusResult = { jobs: [{ uuid: 'j', status: 'Done' }] };

/** A scripted fake client that records the simulated time of every call, per key. */
function fakeClient(clock: FakeClock) {
  const calls: { key: string; at: number }[] = [];
  let answer: Answer = generating;
  let pending: ((value: StatusResult) => void) | undefined;
  let hold = false;
  return {
    calls,
    answerWith(next: Answer) {
      answer = next;
    },
    /** Leaves the next calls unanswered until `release()`. */
    holdAnswers() {
      hold = true;
    },
    release() {
      hold = false;
      pending?.(generating);
    },
    client: {
      status(key: string): Promise<StatusResult> {
        calls.push({ key, at: clock.now() });
        if (hold) return new Promise<StatusResult>((resolve) => (pending = resolve));
        const value = typeof answer === 'function' ? answer(key) : answer;
        return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
      },
    },
  };
}

function setup(options: Partial<SchedulerOptions> = {}) {
  const clock = createFakeClock();
  const tracker = createTaskTracker({ clock });
  const fake = fakeClient(clock);
  const scheduler = createScheduler({ clock, client: fake.client, tracker, random: () => 0.5, ...options });
  const callsFor = (key: string) => fake.calls.filter((c) => c.key === key).map((c) => c.at);
  return { clock, tracker, fake, scheduler, callsFor };
}

const KEY = 'key-a';
const keys = (n: number) => Array.from({ length: n }, (_, i) => `key-${i}`);

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('scheduler', () => {
  it('checks a pasted task at once and a freshly submitted one after 5 s', async () => {
    const { clock, tracker, scheduler, callsFor } = setup();
    scheduler.start();
    const t0 = clock.now();
    tracker.add({ subscriptionKey: 'pasted' });
    tracker.add({ subscriptionKey: 'fresh', tier: 'Regular' });
    await clock.advance(4_000);
    expect(callsFor('pasted')).toEqual([t0]);
    expect(callsFor('fresh')).toEqual([]);
    await clock.advance(1_000);
    expect(callsFor('fresh')).toEqual([t0 + 5_000]);
  });

  it('never calls one subscription key twice within 2 s, even when asked to check again and again', async () => {
    const { clock, tracker, scheduler, callsFor } = setup();
    scheduler.start();
    tracker.add({ subscriptionKey: KEY });
    for (let i = 0; i < 40; i++) {
      scheduler.checkNow();
      scheduler.checkTask(KEY);
      await clock.advance(250);
    }
    const times = callsFor(KEY);
    expect(times.length).toBeGreaterThanOrEqual(4);
    expect(Math.min(...gaps(times))).toBeGreaterThanOrEqual(2_000);
  });

  it('keeps to the global budget of status calls per minute across tasks', async () => {
    const { clock, tracker, scheduler, fake } = setup({ budgetPerMinute: 10 });
    scheduler.start();
    for (const key of keys(30)) tracker.add({ subscriptionKey: key });
    for (let i = 0; i < 20; i++) {
      scheduler.checkNow();
      await clock.advance(15_000);
    }
    const times = fake.calls.map((c) => c.at);
    for (const t of times) expect(times.filter((u) => u > t - 60_000 && u <= t).length).toBeLessThanOrEqual(10);
    expect(times.length).toBeGreaterThanOrEqual(45);
    expect(scheduler.stats().budgetDelayedCalls).toBeGreaterThan(0);
  });

  it('applies a lower budget set while running', async () => {
    const { clock, tracker, scheduler, fake } = setup();
    scheduler.start();
    scheduler.setBudget(3);
    for (const key of keys(10)) tracker.add({ subscriptionKey: key });
    await clock.advance(59_000);
    expect(fake.calls.length).toBe(3);
  });

  it('makes no call at all until Retry-After has passed after a 429, then resumes one call at a time', async () => {
    const { clock, tracker, scheduler, fake } = setup();
    scheduler.start();
    fake.answerWith(new RateLimitedError(40_000));
    const t0 = clock.now();
    for (const key of keys(5)) tracker.add({ subscriptionKey: key });
    await clock.advance(100);
    const firstBurst = fake.calls.length;
    expect(scheduler.status().problem).toMatchObject({ kind: 'throttled', until: t0 + 40_000 });
    fake.answerWith(generating);
    scheduler.checkNow();
    await clock.advance(39_800);
    expect(fake.calls.length).toBe(firstBurst);
    await clock.advance(4_500);
    const after = fake.calls.slice(firstBurst).map((c) => c.at);
    expect(after.length).toBe(5);
    expect(after[0]).toBeGreaterThanOrEqual(t0 + 40_000);
    expect(Math.min(...gaps(after))).toBeGreaterThanOrEqual(1_000);
    expect(scheduler.status().problem).toBeUndefined();
  });

  it('waits 30 s after a 429 that came without a usable Retry-After', async () => {
    const { clock, tracker, scheduler, fake } = setup();
    scheduler.start();
    fake.answerWith(new RateLimitedError(Number.NaN));
    tracker.add({ subscriptionKey: KEY });
    await clock.advance(100);
    fake.answerWith(generating);
    scheduler.checkNow();
    await clock.advance(29_800);
    expect(fake.calls.length).toBe(1);
    await clock.advance(500);
    expect(fake.calls.length).toBe(2);
  });

  it('backs off exponentially on server errors, up to 5 minutes, and keeps watching with the last error shown', async () => {
    const { clock, tracker, scheduler, fake, callsFor } = setup();
    scheduler.start();
    fake.answerWith(new TransientError('HTTP_5XX', 'The Rodin API had a server error.'));
    tracker.add({ subscriptionKey: KEY });
    await clock.advance(60 * 60_000);
    const g = gaps(callsFor(KEY));
    expect(g[0]).toBeGreaterThanOrEqual(5_000);
    expect(g[1]! > g[0]! && g[2]! > g[1]!).toBe(true);
    expect(Math.max(...g)).toBeLessThanOrEqual(5 * 60_000);
    expect(g.at(-1)).toBeGreaterThanOrEqual(4 * 60_000);
    const task = tracker.get(KEY)!;
    expect(task.lastError?.code).toBe('HTTP_5XX');
    expect(task.lastError?.message).toMatch(/\w+/);
    expect(tracker.active()).toHaveLength(1);
    expect(scheduler.status().problem?.kind).toBe('unreachable');
    fake.answerWith(generating);
    scheduler.checkTask(KEY);
    await clock.advance(10);
    expect(tracker.get(KEY)?.lastError).toBeUndefined();
    expect(scheduler.status().problem).toBeUndefined();
  });

  it('records a service error such as NO_SUCH_TASK on the task and backs off instead of hammering', async () => {
    const { clock, tracker, scheduler, fake, callsFor } = setup();
    scheduler.start();
    fake.answerWith(new ServiceError('NO_SUCH_TASK', 'no such task'));
    tracker.add({ subscriptionKey: KEY });
    await clock.advance(2 * 60_000);
    expect(callsFor(KEY).length).toBeLessThanOrEqual(5);
    expect(tracker.get(KEY)?.lastError?.code).toBe('NO_SUCH_TASK');
    expect(tracker.get(KEY)?.lastError?.message).not.toBe('no such task');
  });

  it('stops all polling on 401 and resumes only when the key changes', async () => {
    const { clock, tracker, scheduler, fake } = setup();
    scheduler.start();
    fake.answerWith(new AuthError());
    for (const key of keys(3)) tracker.add({ subscriptionKey: key });
    await clock.advance(100);
    const afterReject = fake.calls.length;
    expect(scheduler.status().problem).toEqual({ kind: 'key-rejected', message: 'API key rejected' });
    scheduler.checkNow();
    scheduler.resume();
    await clock.advance(60 * 60_000);
    expect(fake.calls.length).toBe(afterReject);
    fake.answerWith(generating);
    scheduler.keyChanged();
    await clock.advance(100);
    expect(fake.calls.length).toBe(afterReject + 3);
    expect(scheduler.status().problem).toBeUndefined();
  });

  it('never polls a finished task again', async () => {
    const { clock, tracker, scheduler, fake, callsFor } = setup();
    scheduler.start();
    tracker.add({ subscriptionKey: KEY });
    await clock.advance(20_000);
    fake.answerWith(done);
    scheduler.checkTask(KEY);
    await clock.advance(2_100);
    const n = callsFor(KEY).length;
    expect(tracker.get(KEY)?.state).toBe('done');
    scheduler.checkNow();
    scheduler.checkTask(KEY);
    scheduler.setOnline(false);
    scheduler.setOnline(true);
    await clock.advance(60 * 60_000);
    expect(callsFor(KEY).length).toBe(n);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('never overlaps two calls for one task', async () => {
    const { clock, tracker, scheduler, fake, callsFor } = setup();
    scheduler.start();
    fake.holdAnswers();
    tracker.add({ subscriptionKey: KEY });
    await clock.advance(100);
    for (let i = 0; i < 10; i++) {
      scheduler.checkNow();
      await clock.advance(5_000);
    }
    expect(callsFor(KEY)).toHaveLength(1);
    expect(scheduler.status().inFlight).toBe(1);
    fake.release();
    await clock.advance(100);
    expect(scheduler.status().inFlight).toBe(0);
  });

  it('pauses and resumes on request', async () => {
    const { clock, tracker, scheduler, fake } = setup();
    scheduler.start();
    scheduler.pause();
    tracker.add({ subscriptionKey: KEY });
    await clock.advance(10 * 60_000);
    expect(fake.calls).toHaveLength(0);
    expect(scheduler.status()).toMatchObject({ paused: true, pausedBy: 'user' });
    scheduler.resume();
    await clock.advance(10);
    expect(fake.calls).toHaveLength(1);
    expect(scheduler.status().paused).toBe(false);
  });

  it('pauses while offline and checks every task at once when back online', async () => {
    const { clock, tracker, scheduler, fake } = setup();
    scheduler.start();
    for (const key of keys(3)) tracker.add({ subscriptionKey: key });
    await clock.advance(100);
    expect(fake.calls).toHaveLength(3);
    scheduler.setOnline(false);
    await clock.advance(10 * 60_000);
    expect(fake.calls).toHaveLength(3);
    expect(scheduler.status().pausedBy).toBe('offline');
    scheduler.setOnline(true);
    await clock.advance(10);
    expect(fake.calls).toHaveLength(6);
  });

  it('sleeps with the machine and checks every task at once on wake', async () => {
    const { clock, tracker, scheduler, fake } = setup();
    scheduler.start();
    for (const key of keys(2)) tracker.add({ subscriptionKey: key });
    await clock.advance(100);
    scheduler.suspend();
    expect(scheduler.status().pausedBy).toBe('asleep');
    await clock.advance(3 * 3600_000);
    expect(fake.calls).toHaveLength(2);
    scheduler.wake();
    await clock.advance(10);
    expect(fake.calls).toHaveLength(4);
  });

  it('checks restored tasks at once on start, and stops calling after stop()', async () => {
    const clock = createFakeClock();
    const previous = createTaskTracker({ clock });
    previous.add({ subscriptionKey: KEY });
    previous.applyStatus(KEY, generating);
    const tracker = createTaskTracker({ clock, tasks: previous.toJSON() });
    const fake = fakeClient(clock);
    const scheduler = createScheduler({ clock, client: fake.client, tracker });
    await clock.advance(3_000);
    expect(fake.calls).toHaveLength(0);
    scheduler.start();
    await clock.advance(10);
    expect(fake.calls).toHaveLength(1);
    scheduler.stop();
    await clock.advance(3600_000);
    expect(fake.calls).toHaveLength(1);
  });

  it('stops watching a removed task', async () => {
    const { clock, tracker, scheduler, callsFor } = setup();
    scheduler.start();
    tracker.add({ subscriptionKey: KEY });
    await clock.advance(100);
    tracker.remove(KEY);
    await clock.advance(3600_000);
    expect(callsFor(KEY)).toHaveLength(1);
  });

  it('keeps watching a very long task, at most 5 minutes apart', async () => {
    const { clock, tracker, scheduler, callsFor } = setup();
    scheduler.start();
    tracker.add({ subscriptionKey: KEY, tier: 'Sketch' });
    await clock.advance(6 * 3600_000);
    const g = gaps(callsFor(KEY));
    expect(callsFor(KEY).at(-1)).toBeGreaterThan(clock.now() - 5 * 60_000 - 1);
    expect(Math.max(...g)).toBeLessThanOrEqual(5 * 60_000);
  });

  it('reports status changes to listeners, including when the next check is due', async () => {
    const { clock, tracker, scheduler } = setup();
    const seen: unknown[] = [];
    scheduler.onStatus((s) => seen.push(s));
    scheduler.start();
    tracker.add({ subscriptionKey: KEY });
    await clock.advance(100);
    expect(scheduler.status().nextCheckAt).toBeGreaterThan(clock.now());
    scheduler.pause();
    expect(seen.at(-1)).toMatchObject({ paused: true, pausedBy: 'user' });
  });
});
