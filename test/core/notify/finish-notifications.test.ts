import { describe, expect, it } from 'vitest';
import { decideFinishNotifications } from '../../../src/core/notify/finish-notifications';
import type { Task, TaskState } from '../../../src/core/tasks/task';

const NOW = 1_700_000_000_000;
const settings = { notifyOnDone: true, notifyOnFailed: true, notificationSound: true };

function task(label: string, state: TaskState, extra: Partial<Task> = {}): Task {
  return {
    subscriptionKey: `key-${label}`,
    label,
    jobs: [],
    state,
    addedAt: NOW - 72_000,
    finishedAt: NOW,
    notified: false,
    ...extra,
  };
}

describe('decideFinishNotifications', () => {
  it('names the task, its outcome and how long it took', () => {
    const [n, ...rest] = decideFinishNotifications(
      { finished: [task('Chair', 'done')], settings, now: NOW },
      () => 'id1',
    );
    expect(rest).toHaveLength(0);
    expect(n).toEqual({ title: 'Done: Chair', body: 'Finished after 1m 12s.', taskId: 'id1', sound: true });
  });

  it('includes the error sentence for a failed task', () => {
    const failed = task('Lamp', 'failed', { lastError: { code: 'X', message: 'The image had no object.', at: NOW } });
    const [n] = decideFinishNotifications({ finished: [failed], settings, now: NOW });
    expect(n?.title).toBe('Failed: Lamp');
    expect(n?.body).toContain('The image had no object.');
  });

  it('reports canceled tasks as canceled', () => {
    const [n] = decideFinishNotifications({ finished: [task('Cup', 'canceled')], settings, now: NOW });
    expect(n?.title).toBe('Canceled: Cup');
  });

  it('honours the per-outcome toggles', () => {
    const finished = [task('A', 'done'), task('B', 'failed')];
    const onlyFailed = decideFinishNotifications({
      finished,
      settings: { ...settings, notifyOnDone: false },
      now: NOW,
    });
    expect(onlyFailed.map((n) => n.title)).toEqual(['Failed: B']);
    const onlyDone = decideFinishNotifications({
      finished,
      settings: { ...settings, notifyOnFailed: false },
      now: NOW,
    });
    expect(onlyDone.map((n) => n.title)).toEqual(['Done: A']);
  });

  it('stays silent while notifications are paused and speaks again afterwards', () => {
    const finished = [task('A', 'done')];
    expect(decideFinishNotifications({ finished, settings, pausedUntil: NOW + 1000, now: NOW })).toEqual([]);
    expect(decideFinishNotifications({ finished, settings, pausedUntil: NOW - 1, now: NOW })).toHaveLength(1);
  });

  it('never notifies for tasks that were already finished when added', () => {
    const old = task('Old', 'done', { finishedWhenAdded: true, notified: true });
    expect(decideFinishNotifications({ finished: [old], settings, now: NOW })).toEqual([]);
  });

  it('coalesces a burst of three or more finishes into one summary', () => {
    const finished = [task('A', 'done'), task('B', 'done'), task('C', 'failed'), task('D', 'canceled')];
    const result = decideFinishNotifications({
      finished,
      settings: { ...settings, notificationSound: false },
      now: NOW,
    });
    expect(result).toEqual([
      { title: '4 tasks finished', body: '2 done, 1 failed, 1 canceled: A, B, C, +1 more.', sound: false },
    ]);
  });

  it('keeps two finishes as two separate notifications', () => {
    const result = decideFinishNotifications({ finished: [task('A', 'done'), task('B', 'done')], settings, now: NOW });
    expect(result.map((n) => n.title)).toEqual(['Done: A', 'Done: B']);
  });
});
