import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import { createNotificationBuffer, NOTIFY_COALESCE_MS } from '../../../src/core/app/notification-buffer';
import type { AppNotification } from '../../../src/core/notify/finish-notifications';
import { createTaskTracker } from '../../../src/core/tasks/task-tracker';
import { settingsSchema } from '../../../src/shared/settings';

const keyOf = (n: number) => `eyJhbGciOiJIUzI1NiJ9.eyJ0YXNrIjoi${n}In0.c2lnbmF0dXJlLWFh${n}`;

function setup(options: { pausedUntil?: number } = {}) {
  const clock = createFakeClock();
  const tracker = createTaskTracker({ clock });
  const settings = settingsSchema.parse({});
  const buffer = createNotificationBuffer({
    clock,
    tracker,
    settings: () => settings,
    pausedUntil: () => options.pausedUntil,
  });
  const shown: AppNotification[] = [];
  buffer.onNotify((n) => shown.push(n));
  const finish = (n: number) => {
    tracker.add({ subscriptionKey: keyOf(n), taskUuid: `uuid-${n}`, label: `Chair ${n}` });
    // Seen running first: a task already done on its first poll never notifies.
    tracker.applyStatus(keyOf(n), { jobs: [{ uuid: `job-${n}`, status: 'Generating' }] });
    tracker.applyStatus(keyOf(n), { jobs: [{ uuid: `job-${n}`, status: 'Done' }] });
    buffer.add(keyOf(n));
  };
  return { clock, tracker, buffer, shown, finish };
}

describe('notification buffer', () => {
  it('raises one notification per finish once the coalescing window has passed', async () => {
    const { clock, shown, finish } = setup();
    finish(1);
    await clock.advance(NOTIFY_COALESCE_MS - 1);
    expect(shown).toHaveLength(0);
    await clock.advance(1);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.taskId).toBeDefined();
  });

  it('turns three finishes inside the window into one summary', async () => {
    const { clock, shown, finish } = setup();
    finish(1);
    finish(2);
    finish(3);
    await clock.advance(NOTIFY_COALESCE_MS);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.taskId).toBeUndefined();
  });

  it('marks silenced finishes notified so they are never raised later', async () => {
    const { clock, tracker, shown, finish } = setup({ pausedUntil: Number.MAX_SAFE_INTEGER });
    finish(1);
    await clock.advance(NOTIFY_COALESCE_MS);
    expect(shown).toHaveLength(0);
    expect(tracker.get(keyOf(1))!.notified).toBe(true);
  });

  it('on stop drops a pending burst but marks its tasks notified', async () => {
    const { clock, tracker, buffer, shown, finish } = setup();
    finish(1);
    buffer.stop();
    await clock.advance(NOTIFY_COALESCE_MS * 2);
    expect(shown).toHaveLength(0);
    expect(tracker.get(keyOf(1))!.notified).toBe(true);
  });
});
