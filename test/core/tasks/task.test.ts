import { describe, expect, it } from 'vitest';
import { deriveTaskState, jobsDone, queuePosition, taskDuration, type Task } from '../../../src/core/tasks/task';

describe('the task model', () => {
  it('derives the task state from its jobs as docs/rodin-api.md says', () => {
    expect(deriveTaskState([])).toBe('waiting');
    expect(
      deriveTaskState([
        { uuid: 'a', status: 'Done' },
        { uuid: 'b', status: 'Generating' },
      ]),
    ).toBe('generating');
    expect(
      deriveTaskState([
        { uuid: 'a', status: 'Done' },
        { uuid: 'b', status: 'Canceled' },
      ]),
    ).toBe('canceled');
    expect(
      deriveTaskState([
        { uuid: 'a', status: 'Done' },
        { uuid: 'b', status: 'Done' },
      ]),
    ).toBe('done');
  });

  it('counts done jobs and takes the smallest queue length among waiting jobs', () => {
    const jobs = [
      { uuid: 'a', status: 'Done' },
      { uuid: 'b', status: 'Waiting', queueLength: 7 },
      { uuid: 'c', status: 'Waiting', queueLength: 3 },
      { uuid: 'd', status: 'Generating', queueLength: 1 },
    ];
    expect(jobsDone(jobs)).toBe(1);
    expect(queuePosition(jobs)).toBe(3);
    expect(queuePosition([{ uuid: 'a', status: 'Waiting' }])).toBeUndefined();
  });

  it('measures a task from submission (else from when we started watching) to its finish, or to now while it runs', () => {
    const base: Task = {
      subscriptionKey: 'k',
      label: 'L',
      jobs: [],
      state: 'generating',
      addedAt: 10_000,
      notified: false,
    };
    expect(taskDuration(base)).toBeUndefined();
    expect(taskDuration(base, 25_000)).toBe(15_000);
    expect(taskDuration({ ...base, submittedAt: 4_000 }, 25_000)).toBe(21_000);
    const done = { ...base, state: 'done' as const, submittedAt: 4_000, finishedAt: 64_000 };
    expect(taskDuration(done)).toBe(60_000);
    expect(taskDuration(done, 999_000)).toBe(60_000);
    // Already over when we first looked: we never saw it run, so we cannot say how long it took.
    expect(taskDuration({ ...done, finishedWhenAdded: true })).toBeUndefined();
  });
});
