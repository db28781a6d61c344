import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import type { FakeClock } from '../../support/fake-clock';
import { createRodinClient } from '../../../src/core/rodin/client';
import { createScheduler } from '../../../src/core/scheduler/scheduler';
import { startSimulator } from '../../../src/core/sim/simulator';
import type { Simulator } from '../../../src/core/sim/simulator';
import { createTaskTracker } from '../../../src/core/tasks/task-tracker';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** Simulated time for the scheduler and the simulator's task progress; real time for the HTTP round trips. */
async function runUntil(clock: FakeClock, done: () => boolean, limitMs: number) {
  const end = clock.now() + limitMs;
  while (!done() && clock.now() < end) {
    await clock.advance(250);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function setup(apiKey?: string) {
  const clock = createFakeClock();
  sim = await startSimulator({ now: () => clock.now() });
  const key = apiKey ?? sim.apiKey;
  const client = createRodinClient({ baseUrl: sim.baseUrl, fetch: globalThis.fetch, getApiKey: () => key });
  const tracker = createTaskTracker({ clock });
  const scheduler = createScheduler({ clock, client, tracker });
  return { clock, sim, tracker, scheduler };
}

const statusCalls = (s: Simulator) => s.requests().filter((r) => r.path.endsWith('/v2/status'));

describe('scheduler against the simulator over HTTP', () => {
  it('follows a queued Sketch task to Done with far fewer calls than polling every 5 s', async () => {
    const { clock, sim, tracker, scheduler } = await setup();
    const task = sim.addTask({ queueMs: 30_000, queueLength: 3, generateMs: 20_000, outcome: 'Done', tier: 'Sketch' });
    scheduler.start();
    tracker.add({ subscriptionKey: task.subscriptionKey, taskUuid: task.taskUuid, tier: 'Sketch' });
    await runUntil(clock, () => tracker.get(task.subscriptionKey)?.state === 'done', 5 * 60_000);
    const watched = tracker.get(task.subscriptionKey)!;
    expect(watched.state).toBe('done');
    expect(watched.generatingSince).toBeDefined();
    expect(statusCalls(sim).length).toBeLessThan(10);
  });

  it('stops after one call per task when the key is rejected', async () => {
    const { clock, sim, tracker, scheduler } = await setup('wrong-key-0000000000');
    const a = sim.addTask({ generateMs: 60_000 });
    const b = sim.addTask({ generateMs: 60_000 });
    scheduler.start();
    tracker.add({ subscriptionKey: a.subscriptionKey });
    tracker.add({ subscriptionKey: b.subscriptionKey });
    await runUntil(clock, () => scheduler.status().problem !== undefined, 60_000);
    await runUntil(clock, () => false, 60_000);
    expect(scheduler.status().problem?.kind).toBe('key-rejected');
    expect(statusCalls(sim).length).toBeLessThanOrEqual(2);
  });
});
