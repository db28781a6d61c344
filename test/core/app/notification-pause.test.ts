import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import { createNotificationPause } from '../../../src/core/app/notification-pause';

describe('notification pause', () => {
  it('ends by itself after the chosen minutes and reports the change then', async () => {
    const clock = createFakeClock();
    let changes = 0;
    const pause = createNotificationPause({ clock, changed: () => (changes += 1) });
    pause.pause(5);
    expect(pause.until()).toBe(clock.now() + 5 * 60_000);
    expect(changes).toBe(1);
    await clock.advance(5 * 60_000);
    expect(pause.until()).toBeUndefined();
    expect(changes).toBe(2);
  });

  it('resumes at once when asked', () => {
    const clock = createFakeClock();
    const pause = createNotificationPause({ clock, changed: () => undefined });
    pause.pause(60);
    pause.resume();
    expect(pause.until()).toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
  });
});
