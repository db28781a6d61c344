import { describe, expect, it } from 'vitest';
import { buildTrayMenu, type TrayMenuItem } from '../../../src/main/tray/tray-menu';
import { makeSnapshot, makeTaskView } from '../snapshot-fixtures';

function labels(items: TrayMenuItem[]): string[] {
  return items.filter((item) => item.type !== 'separator').map((item) => item.label ?? '');
}

function find(items: TrayMenuItem[], label: string): TrayMenuItem {
  const item = items.find((candidate) => candidate.label === label);
  if (!item) throw new Error(`no item "${label}" in ${JSON.stringify(labels(items))}`);
  return item;
}

describe('buildTrayMenu', () => {
  it('starts with the counts per state', () => {
    const tasks = [makeTaskView({ state: 'generating' }), makeTaskView({ state: 'done' })];
    expect(buildTrayMenu(makeSnapshot({ tasks }))[0]).toEqual({ label: '1 generating · 1 done', enabled: false });
  });

  it('says there are no tasks yet on an empty snapshot, and still offers the commands', () => {
    const items = buildTrayMenu(makeSnapshot());
    expect(items[0]?.label).toBe('No tasks yet');
    expect(labels(items)).toEqual(
      expect.arrayContaining([
        'Add from clipboard',
        'Check now',
        'Pause polling',
        'Pause notifications for 1 hour',
        'Show window',
        'Settings…',
        'Quit Rodin Tray',
      ]),
    );
  });

  it('groups tasks by state with a header and count, running first', () => {
    const tasks = [
      makeTaskView({ label: 'Chair', state: 'done' }),
      makeTaskView({ label: 'Lamp', state: 'generating', jobsDone: 1, jobsTotal: 4 }),
      makeTaskView({ label: 'Vase', state: 'waiting', queuePosition: 3 }),
    ];
    expect(labels(buildTrayMenu(makeSnapshot({ tasks }))).slice(1, 7)).toEqual([
      'Generating (1)',
      'Lamp — 1/4 jobs',
      'Waiting (1)',
      'Vase — queue 3',
      'Done (1)',
      'Chair — done',
    ]);
  });

  it('gives a done task Show, Download results, both copies and Remove', () => {
    const task = makeTaskView({ label: 'Chair', state: 'done', taskUuid: 'uuid-1' });
    const item = find(buildTrayMenu(makeSnapshot({ tasks: [task] })), 'Chair — done');
    expect(labels(item.submenu ?? [])).toEqual([
      'Show',
      'Download results',
      'Copy subscription key',
      'Copy task UUID',
      'Remove',
    ]);
    expect(find(item.submenu ?? [], 'Download results').action).toEqual({ kind: 'download', taskId: task.id });
    expect(find(item.submenu ?? [], 'Remove').action).toEqual({ kind: 'remove', taskId: task.id });
  });

  it('offers the results folder instead of a download once the files are on disk', () => {
    const task = makeTaskView({ label: 'Chair', state: 'done', download: { status: 'done', fileCount: 3 } });
    const item = find(buildTrayMenu(makeSnapshot({ tasks: [task] })), 'Chair — downloaded');
    expect(find(item.submenu ?? [], 'Open results folder').action).toEqual({ kind: 'open-folder', taskId: task.id });
  });

  it('says in the menu when list entries were refused, next to what was saved', () => {
    const download = {
      status: 'done' as const,
      fileCount: 3,
      note: '3 files saved, 1 refused: not an https link',
      refusedNote: '1 refused: not an https link',
    };
    const task = makeTaskView({ label: 'Chair', state: 'done', download });
    const item = find(buildTrayMenu(makeSnapshot({ tasks: [task] })), 'Chair — downloaded, 1 refused');
    const note = find(item.submenu ?? [], '3 files saved, 1 refused: not an https link');
    expect(note.enabled).toBe(false);
  });

  it('disables copying a task UUID the task does not have', () => {
    const task = makeTaskView({ label: 'Lamp', state: 'waiting' });
    const item = find(buildTrayMenu(makeSnapshot({ tasks: [task] })), 'Lamp — waiting');
    expect(find(item.submenu ?? [], 'Copy task UUID').enabled).toBe(false);
    expect(labels(item.submenu ?? [])).not.toContain('Download results');
  });

  it('marks unseen finished tasks and escapes "&" so it is not read as an accelerator', () => {
    const task = makeTaskView({ label: 'Salt & Pepper', state: 'failed', unseen: true });
    expect(labels(buildTrayMenu(makeSnapshot({ tasks: [task] })))).toContain('● Salt && Pepper — failed');
  });

  it('lists at most the recent limit and links to the window for the rest', () => {
    const tasks = Array.from({ length: 5 }, () => makeTaskView({ state: 'done' }));
    const items = buildTrayMenu(makeSnapshot({ tasks }), { recentLimit: 2 });
    expect(items.filter((item) => item.submenu)).toHaveLength(2);
    expect(find(items, 'All 5 tasks…').action).toEqual({ kind: 'show-window' });
  });

  it('turns Pause polling into Resume polling while the user paused it, and disables Check now', () => {
    const items = buildTrayMenu(makeSnapshot({ polling: { paused: true, pausedBy: 'user' } }));
    expect(find(items, 'Resume polling').action).toEqual({ kind: 'resume-polling' });
    expect(find(items, 'Check now').enabled).toBe(false);
  });

  it('offers to resume notifications while they are paused', () => {
    const items = buildTrayMenu(makeSnapshot({ now: 1_000, notificationsPausedUntil: 5_000 }));
    expect(find(items, 'Resume notifications').action).toEqual({ kind: 'resume-notifications' });
    const later = buildTrayMenu(makeSnapshot({ now: 6_000, notificationsPausedUntil: 5_000 }));
    expect(find(later, 'Pause notifications for 1 hour').action).toEqual({ kind: 'pause-notifications', minutes: 60 });
  });

  it('shows the problem sentence near the top', () => {
    const items = buildTrayMenu(makeSnapshot({ problem: { kind: 'key-rejected', message: 'The key was rejected.' } }));
    expect(items[1]).toEqual({ label: '⚠ The key was rejected.', enabled: false });
  });
});
