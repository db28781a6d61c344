import { describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock';

describe('the fake clock', () => {
  it('fires due timers in time order while advancing, and moves time to the end', async () => {
    const clock = createFakeClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push('late'), 1_000);
    await clock.advance(500);
    expect(fired).toEqual(['a@100', 'b@200']);
    expect(clock.now()).toBe(500);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('fires timers scheduled by other timers, and never a cleared one', async () => {
    const clock = createFakeClock(0);
    const fired: number[] = [];
    const cleared = clock.setTimeout(() => fired.push(-1), 50);
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 100), 100);
    clock.clearTimeout(cleared);
    await clock.runUntilIdle();
    expect(fired).toEqual([200]);
  });
});
