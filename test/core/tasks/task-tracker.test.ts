import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import { createTaskTracker } from '../../../src/core/tasks/task-tracker';
import { taskIdOf } from '../../../src/core/tasks/task-id';
import type { Task } from '../../../src/core/tasks/task';
import type { StatusResult } from '../../../src/core/rodin/types';

const KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJ0YXNrIjoiMSJ9.c2lnbmF0dXJlLWFhYWE';
const KEY2 = 'eyJhbGciOiJIUzI1NiJ9.eyJ0YXNrIjoiMiJ9.c2lnbmF0dXJlLWJiYmI';

const jobs = (...statuses: string[]): StatusResult => ({
  jobs: statuses.map((status, i) => ({ uuid: `job-${i}`, status })),
});

function setup(options: { tasks?: Task[]; historySize?: number } = {}) {
  const clock = createFakeClock();
  const tracker = createTaskTracker({ clock, ...options });
  const events: string[] = [];
  tracker.on('added', (t) => events.push(`added ${t.label}`));
  tracker.on('removed', (t) => events.push(`removed ${t.label}`));
  tracker.on('changed', (t, prev) => events.push(`changed ${t.label} ${prev.state}->${t.state}`));
  tracker.on('finished', (t) => events.push(`finished ${t.label}`));
  return { clock, tracker, events };
}

describe('task id', () => {
  it('is 16 hex characters, stable, and differs between keys', () => {
    expect(taskIdOf(KEY)).toMatch(/^[0-9a-f]{16}$/);
    expect(taskIdOf(KEY)).toBe(taskIdOf(KEY));
    expect(taskIdOf(KEY)).not.toBe(taskIdOf(KEY2));
  });
});

describe('task tracker', () => {
  it('adds a task once and reports a duplicate subscription key as not added', () => {
    const { tracker, events } = setup();
    const first = tracker.add({ subscriptionKey: KEY, label: 'Chair' });
    const second = tracker.add({ subscriptionKey: KEY, label: 'Other' });
    expect(first.added).toBe(true);
    expect(second.added).toBe(false);
    expect(second.task.label).toBe('Chair');
    expect(tracker.list()).toHaveLength(1);
    expect(events).toEqual(['added Chair']);
  });

  it('gives a task without a label a short default that does not reveal the key', () => {
    const { tracker } = setup();
    const { task } = tracker.add({ subscriptionKey: KEY, taskUuid: 'abcdef12-3456' });
    expect(task.label).toBe('Task abcdef12');
    expect(task.state).toBe('waiting');
  });

  it('lists the newest added task first and finds tasks by id', async () => {
    const { tracker, clock } = setup();
    tracker.add({ subscriptionKey: KEY, label: 'old' });
    await clock.advance(1000);
    tracker.add({ subscriptionKey: KEY2, label: 'new' });
    expect(tracker.list().map((t) => t.label)).toEqual(['new', 'old']);
    expect(tracker.getById(taskIdOf(KEY))?.label).toBe('old');
    expect(tracker.getById('0000000000000000')).toBeUndefined();
  });

  it('derives the state from job statuses and remembers when generation started', async () => {
    const { tracker, clock } = setup();
    tracker.add({ subscriptionKey: KEY });
    tracker.applyStatus(KEY, { jobs: [{ uuid: 'a', status: 'Waiting', queueLength: 3 }] });
    expect(tracker.get(KEY)?.state).toBe('waiting');
    expect(tracker.get(KEY)?.jobs[0]?.queueLength).toBe(3);
    await clock.advance(5000);
    const startedAt = clock.now();
    tracker.applyStatus(KEY, jobs('Generating', 'Waiting'));
    await clock.advance(5000);
    tracker.applyStatus(KEY, jobs('Generating', 'Generating'));
    const task = tracker.get(KEY)!;
    expect(task.state).toBe('generating');
    expect(task.generatingSince).toBe(startedAt);
    expect(task.lastPolledAt).toBe(clock.now());
  });

  it('emits finished exactly once, even when the same Done status is applied again', () => {
    const { tracker, events } = setup();
    tracker.add({ subscriptionKey: KEY, label: 'A' });
    tracker.applyStatus(KEY, jobs('Generating'));
    tracker.applyStatus(KEY, jobs('Done', 'Done'));
    tracker.applyStatus(KEY, jobs('Done', 'Done'));
    tracker.applyStatus(KEY, jobs('Generating'));
    expect(events.filter((e) => e.startsWith('finished'))).toEqual(['finished A']);
    expect(tracker.get(KEY)?.state).toBe('done');
    expect(tracker.active()).toEqual([]);
  });

  it('marks a task that is already finished at its first status as finished-when-added and notified', () => {
    const { tracker, events } = setup();
    tracker.add({ subscriptionKey: KEY, label: 'A' });
    tracker.applyStatus(KEY, jobs('Done'));
    const task = tracker.get(KEY)!;
    expect(task.finishedWhenAdded).toBe(true);
    expect(task.notified).toBe(true);
    expect(events).toContain('finished A');
  });

  it('does not mark a task that finished while watched as finished-when-added', () => {
    const { tracker } = setup();
    tracker.add({ subscriptionKey: KEY });
    tracker.applyStatus(KEY, jobs('Generating'));
    tracker.applyStatus(KEY, jobs('Failed', 'Done'));
    expect(tracker.get(KEY)?.state).toBe('failed');
    expect(tracker.get(KEY)?.finishedWhenAdded).toBeUndefined();
    expect(tracker.get(KEY)?.notified).toBe(false);
  });

  it('marks a task unseen when it finishes, until it is marked seen once', () => {
    const { tracker, events } = setup();
    tracker.add({ subscriptionKey: KEY, label: 'A' });
    tracker.applyStatus(KEY, jobs('Generating'));
    expect(tracker.get(KEY)?.unseen).toBeUndefined();
    tracker.applyStatus(KEY, jobs('Done'));
    expect(tracker.get(KEY)?.unseen).toBe(true);
    events.length = 0;
    expect(tracker.markSeen(KEY)).toBe(true);
    expect(tracker.get(KEY)?.unseen).toBeUndefined();
    expect(events).toEqual(['changed A done->done']);
    expect(tracker.markSeen(KEY)).toBe(false);
    expect(tracker.markSeen(KEY2)).toBe(false);
    expect(events).toHaveLength(1);
  });

  it('keeps an unknown status verbatim and keeps the task active', () => {
    const { tracker } = setup();
    tracker.add({ subscriptionKey: KEY });
    tracker.applyStatus(KEY, jobs('Paused-For-Review'));
    expect(tracker.get(KEY)?.jobs[0]?.status).toBe('Paused-For-Review');
    expect(tracker.active()).toHaveLength(1);
  });

  it('records an error and clears it on the next successful status', () => {
    const { tracker } = setup();
    tracker.add({ subscriptionKey: KEY });
    tracker.recordError(KEY, { code: 'TIMEOUT', message: 'The Rodin API did not answer in time.', at: 1 });
    expect(tracker.get(KEY)?.lastError?.code).toBe('TIMEOUT');
    tracker.applyStatus(KEY, jobs('Waiting'));
    expect(tracker.get(KEY)?.lastError).toBeUndefined();
  });

  it('replaces tasks instead of mutating them', () => {
    const { tracker } = setup();
    const { task } = tracker.add({ subscriptionKey: KEY, label: 'A' });
    tracker.rename(KEY, 'B');
    expect(task.label).toBe('A');
    expect(tracker.get(KEY)?.label).toBe('B');
    expect(Object.isFrozen(tracker.get(KEY))).toBe(true);
  });

  it('emits changed with the previous value for rename, download and notified', () => {
    const { tracker, events } = setup();
    tracker.add({ subscriptionKey: KEY, label: 'A' });
    tracker.rename(KEY, '  B ');
    tracker.setDownload(KEY, { status: 'downloading', receivedBytes: 10 });
    tracker.markNotified(KEY);
    tracker.markNotified(KEY);
    expect(events).toEqual([
      'added A',
      'changed B waiting->waiting',
      'changed B waiting->waiting',
      'changed B waiting->waiting',
    ]);
    expect(tracker.get(KEY)?.download?.receivedBytes).toBe(10);
    expect(tracker.get(KEY)?.notified).toBe(true);
  });

  it('removes a task and restores it with all its fields', () => {
    const { tracker, events } = setup();
    tracker.add({ subscriptionKey: KEY, label: 'A', taskUuid: 'u-1' });
    tracker.applyStatus(KEY, jobs('Generating'));
    const removed = tracker.remove(KEY)!;
    expect(tracker.get(KEY)).toBeUndefined();
    expect(tracker.getById(taskIdOf(KEY))).toBeUndefined();
    tracker.restore(removed);
    expect(tracker.get(KEY)).toEqual(removed);
    expect(events).toEqual(['added A', 'changed A waiting->generating', 'removed A', 'added A']);
    expect(tracker.remove('nope')).toBeUndefined();
  });

  it('round-trips through JSON with order, unknown statuses and every field intact', async () => {
    const { tracker, clock } = setup();
    tracker.add({ subscriptionKey: KEY, label: 'A', tier: 'Regular' });
    tracker.add({ subscriptionKey: KEY2, label: 'B' });
    tracker.applyStatus(KEY, jobs('Mystery', 'Generating'));
    await clock.advance(10);
    tracker.applyStatus(KEY2, jobs('Done'));
    tracker.setDownload(KEY2, { status: 'done', files: ['/tmp/x.glb'] });
    const json = JSON.parse(JSON.stringify(tracker.toJSON())) as Task[];
    const revived = createTaskTracker({ clock, tasks: json });
    expect(revived.list()).toEqual(tracker.list());
    expect(revived.get(KEY)?.jobs[0]?.status).toBe('Mystery');
    expect(revived.active().map((t) => t.label)).toEqual(['A']);
  });

  it('skips persisted entries that are not tasks instead of crashing', () => {
    const clock = createFakeClock();
    const tracker = createTaskTracker({
      clock,
      tasks: [
        null,
        { label: 'no key' },
        { subscriptionKey: KEY, label: 'ok', jobs: [], state: 'waiting', addedAt: 1, notified: false },
      ] as unknown as Task[],
    });
    expect(tracker.list().map((t) => t.label)).toEqual(['ok']);
  });

  it('drops the oldest finished tasks beyond the history size and keeps active ones', async () => {
    const { tracker, clock, events } = setup({ historySize: 2 });
    for (const name of ['a', 'b', 'c', 'd']) {
      tracker.add({ subscriptionKey: `key-${name}`, label: name });
    }
    for (const name of ['c', 'a', 'b']) {
      await clock.advance(1000);
      tracker.applyStatus(`key-${name}`, jobs('Generating'));
      tracker.applyStatus(`key-${name}`, jobs('Done'));
    }
    expect(tracker.list().map((t) => t.label)).toEqual(['d', 'b', 'a']);
    expect(events).toContain('removed c');
    tracker.setHistorySize(0);
    expect(tracker.list().map((t) => t.label)).toEqual(['d']);
  });
});
