// The window's pure helpers, without a browser: grouping, change detection, messages, announcements, formats.
import { expect, test } from '@playwright/test';
import { finishAnnouncements } from '../../src/renderer/state/announce';
import { describeAddResult } from '../../src/renderer/state/describe-add';
import { formatClockTime, formatStopwatch } from '../../src/shared/format-duration';
import { groupTasks } from '../../src/renderer/state/group-tasks';
import { internTasks } from '../../src/renderer/state/intern-tasks';
import { sameTaskView } from '../../src/renderer/state/same-task';
import { makeSnapshot, makeTask } from './fixture-snapshots';

const NOW = 1_700_000_000_000;

test.describe('window helpers', () => {
  test('groups tasks in the order Generating, Waiting, Done, Failed, with canceled among the failed', () => {
    const tasks = [
      makeTask(1, NOW, 'done'),
      makeTask(2, NOW, 'canceled'),
      makeTask(3, NOW, 'waiting'),
      makeTask(4, NOW, 'generating'),
      makeTask(5, NOW, 'failed'),
    ];
    const groups = groupTasks(tasks);
    expect(groups.map((g) => g.key)).toEqual(['generating', 'waiting', 'done', 'failed']);
    expect(groups[3]?.tasks.map((t) => t.state).sort()).toEqual(['canceled', 'failed']);
  });

  test('puts the newest first within a group', () => {
    const older = makeTask(1, NOW, 'waiting', { addedAt: NOW - 60_000 });
    const newer = makeTask(2, NOW, 'waiting', { addedAt: NOW - 1_000 });
    const doneLong = makeTask(3, NOW, 'done', { finishedAt: NOW - 100_000 });
    const doneJust = makeTask(4, NOW, 'done', { finishedAt: NOW - 10 });
    const groups = groupTasks([older, doneLong, newer, doneJust]);
    expect(groups[0]?.tasks).toEqual([newer, older]);
    expect(groups[1]?.tasks).toEqual([doneJust, doneLong]);
  });

  test('keeps the previous objects for unchanged tasks and the previous list when nothing changed', () => {
    const before = [makeTask(1, NOW, 'waiting'), makeTask(2, NOW, 'generating')];
    const same = structuredClone(before);
    expect(internTasks(before, same)).toBe(before);
    const changed = structuredClone(before);
    changed[1] = { ...changed[1]!, jobsDone: 3 };
    const out = internTasks(before, changed);
    expect(out[0]).toBe(before[0]);
    expect(out[1]).not.toBe(before[1]);
    expect(sameTaskView(out[1]!, before[1]!)).toBe(false);
  });

  test('notices a change in a nested field such as download progress', () => {
    const a = makeTask(1, NOW, 'done', { download: { status: 'downloading', receivedBytes: 10 } });
    const b = { ...a, download: { status: 'downloading' as const, receivedBytes: 20 } };
    expect(sameTaskView(a, structuredClone(a))).toBe(true);
    expect(sameTaskView(a, b)).toBe(false);
  });

  test('says what was added, what was a duplicate and why text was rejected', () => {
    const message = describeAddResult({
      added: [{ id: 'a', label: 'Chair' }],
      duplicates: [{ id: 'b', label: 'Table' }],
      rejected: ['Line 3 is not a subscription key.'],
    });
    expect(message.tone).toBe('success');
    expect(message.lines).toEqual([
      'Added “Chair”.',
      '“Table” is already in the list.',
      'Line 3 is not a subscription key.',
    ]);
    expect(describeAddResult({ added: [], duplicates: [], rejected: [] }).tone).toBe('error');
  });

  test('announces finishes once, when the state changes, with the error for failures', () => {
    const running = makeSnapshot(NOW, [
      makeTask(1, NOW, 'generating', { label: 'Fox' }),
      makeTask(2, NOW, 'waiting', { label: 'Owl' }),
    ]);
    const finished = makeSnapshot(NOW, [
      makeTask(1, NOW, 'done', { label: 'Fox' }),
      makeTask(2, NOW, 'failed', { label: 'Owl', lastError: { code: 'X', message: 'No credits.', at: NOW } }),
    ]);
    expect(finishAnnouncements(running, finished)).toEqual(['Fox is done.', 'Owl failed: No credits.']);
    expect(finishAnnouncements(finished, finished)).toEqual([]);
    expect(finishAnnouncements(undefined, finished)).toEqual([]);
  });

  test('formats elapsed time like a stopwatch and clock times as HH:MM:SS', () => {
    expect(formatStopwatch(7_000)).toBe('0:07');
    expect(formatStopwatch(272_000)).toBe('4:32');
    expect(formatStopwatch(3_729_000)).toBe('1:02:09');
    expect(formatClockTime(new Date(2024, 0, 1, 9, 5, 3).getTime())).toBe('09:05:03');
  });
});
