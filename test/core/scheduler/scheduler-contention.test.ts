import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import type { StatusResult } from '../../../src/core/rodin/types';
import { createScheduler } from '../../../src/core/scheduler/scheduler';
import { createTaskTracker } from '../../../src/core/tasks/task-tracker';

/**
 * Tasks whose answers follow a script of known times: generating from submission, finished (Done, or Failed for the
 * keys in `failing`) at `finishAt`.
 */
function scriptedService(clock: { now(): number }, finishAt: Map<string, number>, failing: Set<string>) {
  const calls: { key: string; at: number; done: boolean }[] = [];
  return {
    calls,
    client: {
      status(key: string): Promise<StatusResult> {
        const done = clock.now() >= finishAt.get(key)!;
        calls.push({ key, at: clock.now(), done });
        const status = !done ? 'Generating' : failing.has(key) ? 'Failed' : 'Done';
        return Promise.resolve({ jobs: [{ uuid: `${key}-job`, status }] });
      },
    },
  };
}

function setup(budgetPerMinute: number) {
  const clock = createFakeClock();
  const tracker = createTaskTracker({ clock });
  const finishAt = new Map<string, number>();
  const failing = new Set<string>();
  const service = scriptedService(clock, finishAt, failing);
  const scheduler = createScheduler({ clock, client: service.client, tracker, budgetPerMinute, random: () => 0.5 });
  const submit = (key: string, tier: string, finishesAfterMs: number, outcome: 'Done' | 'Failed' = 'Done') => {
    finishAt.set(key, clock.now() + finishesAfterMs);
    if (outcome === 'Failed') failing.add(key);
    tracker.add({ subscriptionKey: key, tier });
  };
  const seenDoneAt = (key: string) => service.calls.find((c) => c.key === key && c.done)?.at;
  return { clock, tracker, scheduler, service, submit, seenDoneAt, finishAt };
}

describe('scheduler under contention (budget 10/min)', () => {
  it('asks the tasks likely done first: Sketches finishing now go before Gen-2 tasks that cannot be done yet', async () => {
    const { clock, scheduler, service, submit, seenDoneAt, finishAt } = setup(10);
    scheduler.start();
    const t0 = clock.now();
    // Submitted first, so first come, first served would ask them first: long generations, done after 100 s. Enough
    // of them that the budget could not ask every task within the longest gap, so the starvation guard stays out of
    // this choice (the worst-case test below has it).
    const slow = ['gen2-a', 'gen2-b', 'gen2-c', 'gen2-d', 'gen2-e', 'gen2-f'];
    for (const key of slow) submit(key, 'Gen-2', 100_000);
    // Submitted right after: Sketches, done after 20 s.
    const quick = ['sketch-a', 'sketch-b', 'sketch-c'];
    for (const key of quick) submit(key, 'Sketch', 20_000);
    await clock.advance(180_000);

    // Once a Sketch could be done, every call goes to a Sketch until all of them are seen done.
    const lastQuickSeen = Math.max(...quick.map((k) => seenDoneAt(k)!));
    const contested = service.calls.filter((c) => c.at >= t0 + 20_000 && c.at <= lastQuickSeen);
    expect(contested.length).toBeGreaterThanOrEqual(quick.length);
    expect(contested.map((c) => c.key).filter((k) => slow.includes(k))).toEqual([]);
    // At one call every 6 s, three finishes at 20 s cannot all be seen sooner than 12 s after; close to that.
    for (const key of quick) expect(seenDoneAt(key)! - finishAt.get(key)!).toBeLessThanOrEqual(24_000);
    // The slow ones are still found, each soon after its finish.
    for (const key of slow) expect(seenDoneAt(key)! - finishAt.get(key)!).toBeLessThanOrEqual(40_000);
  });

  it('spends the budget on a task likely done that has waited rather than on one just submitted', async () => {
    const { clock, scheduler, service, submit, seenDoneAt, finishAt } = setup(10);
    scheduler.start();
    submit('old', 'Sketch', 22_000);
    await clock.advance(21_000);
    // A batch arrives just before the old task finishes: none of it can be done for a minute.
    for (let i = 0; i < 6; i++) submit(`new-${i}`, 'Regular', 200_000);
    await clock.advance(40_000);
    expect(seenDoneAt('old')! - finishAt.get('old')!).toBeLessThanOrEqual(7_000);
    expect(service.calls.filter((c) => c.key.startsWith('new-')).length).toBeGreaterThan(0);
  });

  it('never sends the minute in one clump: 60 tasks added at once get at most 10 calls in any 5 s', async () => {
    const { clock, tracker, scheduler, service } = setup(60);
    scheduler.start();
    for (let i = 0; i < 60; i++) tracker.add({ subscriptionKey: `pasted-${i}` });
    await clock.advance(120_000);
    const times = service.calls.map((c) => c.at);
    const t0 = times[0]!;
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 5_000).length).toBeLessThanOrEqual(10);
    // Evenly: a small burst, then about one a second until every task has had its first look.
    expect(times.filter((t) => t === t0).length).toBe(5);
    const firstLooks = new Set<string>();
    let allLookedAt = 0;
    for (const c of service.calls) {
      firstLooks.add(c.key);
      if (firstLooks.size === 60) {
        allLookedAt = c.at;
        break;
      }
    }
    expect(allLookedAt - t0).toBeGreaterThanOrEqual(54_000);
    expect(allLookedAt - t0).toBeLessThanOrEqual(60_000);
  });
});

describe('scheduler under contention: the worst case (budget 10/min)', () => {
  it('sees a task that failed early within the longest gap, though tasks likely done keep wanting every call', async () => {
    const { clock, scheduler, service, submit, seenDoneAt, finishAt } = setup(10);
    scheduler.start();
    // Sketches overdue from 40 s on (so each looks likely done at every turn), and a Gen-2 that fails 40 s in: by its
    // tier it cannot be near done, so on worth alone it would wait behind every Sketch.
    submit('gen2', 'Gen-2', 40_000, 'Failed');
    for (let i = 0; i < 4; i++) submit(`sketch-${i}`, 'Sketch', Infinity);
    await clock.advance(200_000);

    expect(seenDoneAt('gen2')! - finishAt.get('gen2')!).toBeLessThanOrEqual(30_000);
    // The budget stays kept: the guard only chooses who goes next.
    const times = service.calls.map((c) => c.at);
    for (const t of times) expect(times.filter((u) => u > t - 60_000 && u <= t).length).toBeLessThanOrEqual(10);
  });
});

describe('scheduler under contention: the finish order of one queue (budget 10/min)', () => {
  /** Tasks waiting in one queue (with the position a call shows) until `startAt`, then generating until `finishAt`. */
  function queuedService(clock: { now(): number }) {
    const script = new Map<string, { startAt: number; position: number; finishAt: number }>();
    const calls: { key: string; at: number; done: boolean }[] = [];
    const client = {
      status(key: string): Promise<StatusResult> {
        const { startAt, position, finishAt } = script.get(key)!;
        const now = clock.now();
        calls.push({ key, at: now, done: now >= finishAt });
        if (now >= finishAt) return Promise.resolve({ jobs: [{ uuid: `${key}-job`, status: 'Done' }] });
        if (now >= startAt) return Promise.resolve({ jobs: [{ uuid: `${key}-job`, status: 'Generating' }] });
        return Promise.resolve({ jobs: [{ uuid: `${key}-job`, status: 'Waiting', queueLength: position }] });
      },
    };
    return { script, calls, client };
  }

  it('asks an earlier task of a tier right after a later one of that tier is seen done, before unrelated tasks', async () => {
    const clock = createFakeClock();
    const tracker = createTaskTracker({ clock });
    const service = queuedService(clock);
    const scheduler = createScheduler({
      clock,
      client: service.client,
      tracker,
      budgetPerMinute: 10,
      random: () => 0.5,
    });
    const t0 = clock.now();
    const submit = (key: string, tier: string, script: { startAt: number; position: number; finishAt: number }) => {
      service.script.set(key, {
        startAt: t0 + script.startAt,
        position: script.position,
        finishAt: t0 + script.finishAt,
      });
      tracker.add({ subscriptionKey: key, tier });
    };
    scheduler.start();
    // Its first look finds it tenth in the queue, so on its own it seems far from done; but the queue moves fast.
    submit('regular-early', 'Regular', { startAt: 70_000, position: 10, finishAt: 140_000 });
    // Unrelated tasks that on their own look about as likely done, but take long.
    for (let i = 0; i < 8; i++) submit(`gen2-${i}`, 'Gen-2', { startAt: 0, position: 0, finishAt: 400_000 });
    await clock.advance(30_000);
    // Submitted later, same tier, right behind it in the queue: when it is done, the earlier one is surely done too.
    submit('regular-late', 'Regular', { startAt: 71_000, position: 10, finishAt: 141_000 });
    await clock.advance(300_000);

    const seenDoneAt = (key: string) => service.calls.find((c) => c.key === key && c.done)?.at;
    const lateSeen = seenDoneAt('regular-late')!;
    const earlySeen = seenDoneAt('regular-early')!;
    // On its own evidence (tenth in the queue at its one look) it would wait behind every Gen-2 call; by the order of
    // the queue, it is done when the task behind it is: the very next call goes to it.
    expect(earlySeen).toBeGreaterThan(lateSeen);
    expect(earlySeen - lateSeen).toBeLessThanOrEqual(6_000);
    expect(service.calls.filter((c) => c.at > lateSeen && c.at < earlySeen)).toEqual([]);
    expect(earlySeen - (t0 + 140_000)).toBeLessThanOrEqual(12_000);
  });
});
