import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../support/fake-clock';
import { createRemovalUndo, UNDO_WINDOW_MS } from '../../../src/core/app/removal-undo';
import { createTaskTracker } from '../../../src/core/tasks/task-tracker';
import { taskIdOf } from '../../../src/core/tasks/task-id';

const KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJ0YXNrIjoiMSJ9.c2lnbmF0dXJlLWFhYWE';

function setup() {
  const clock = createFakeClock();
  const tracker = createTaskTracker({ clock });
  const aborted: string[] = [];
  const removals = createRemovalUndo({ clock, tracker, abortDownload: (key) => aborted.push(key) });
  const { task } = tracker.add({ subscriptionKey: KEY, taskUuid: 'uuid-1', label: 'Chair' });
  return { clock, tracker, removals, aborted, task, id: taskIdOf(KEY) };
}

describe('removal with undo', () => {
  it('brings a removed task back within the undo window, without cancelling its download', async () => {
    const { clock, tracker, removals, aborted, task, id } = setup();
    removals.remove(id, task);
    expect(tracker.get(KEY)).toBeUndefined();
    await clock.advance(UNDO_WINDOW_MS - 1);
    removals.undo(id);
    expect(tracker.get(KEY)?.label).toBe('Chair');
    await clock.advance(UNDO_WINDOW_MS);
    expect(aborted).toEqual([]);
  });

  it('cancels the download and refuses an undo once the window has passed', async () => {
    const { clock, removals, aborted, task, id } = setup();
    removals.remove(id, task);
    await clock.advance(UNDO_WINDOW_MS);
    expect(aborted).toEqual([KEY]);
    expect(() => removals.undo(id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
  });

  it('on stop forgets pending removals without cancelling downloads', async () => {
    const { clock, removals, aborted, task, id } = setup();
    removals.remove(id, task);
    removals.stop();
    await clock.advance(UNDO_WINDOW_MS);
    expect(aborted).toEqual([]);
    expect(() => removals.undo(id)).toThrow();
  });
});
