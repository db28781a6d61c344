import { describe, expect, it } from 'vitest';
import { deriveTaskState, jobsDone, queuePosition } from '../../../src/core/tasks/task';

describe('the task model', () => {
  it('derives the task state from its jobs as rodin-api.md says', () => {
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
});
