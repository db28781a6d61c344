import { describe, expect, it } from 'vitest';
import { buildSnapshot, type SnapshotInput } from '../../../src/core/app/build-snapshot';
import { taskIdOf } from '../../../src/core/tasks/task-id';
import type { Task } from '../../../src/core/tasks/task';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

const NOW = 1_700_000_000_000;
const KEY = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0YXNrIn0.sig-abcd';

function task(extra: Partial<Task> = {}): Task {
  return {
    subscriptionKey: KEY,
    label: 'Chair',
    jobs: [],
    state: 'waiting',
    addedAt: NOW - 1000,
    notified: false,
    ...extra,
  };
}

function input(extra: Partial<SnapshotInput> = {}): SnapshotInput {
  return {
    tasks: [],
    polling: { paused: false },
    key: { present: true, source: 'keychain', hint: '…wxyz' },
    settings: DEFAULT_SETTINGS,
    notices: [],
    now: NOW,
    demo: false,
    unseen: new Set(),
    ...extra,
  };
}

describe('buildSnapshot', () => {
  it('describes a task by its short id, key hint, job progress and queue position, never its subscription key', () => {
    const t = task({
      taskUuid: 'task-uuid-1',
      jobs: [
        { uuid: 'a', status: 'Done' },
        { uuid: 'b', status: 'Waiting', queueLength: 7 },
        { uuid: 'c', status: 'Waiting', queueLength: 3 },
      ],
    });
    const snapshot = buildSnapshot(input({ tasks: [t] }));
    const view = snapshot.tasks[0]!;
    expect(view.id).toBe(taskIdOf(KEY));
    expect(view.keyHint).toBe('abcd');
    expect(view.jobsDone).toBe(1);
    expect(view.jobsTotal).toBe(3);
    expect(view.queuePosition).toBe(3);
    expect(JSON.stringify(snapshot)).not.toContain(KEY);
  });

  it('carries how long a finished task took, from submission to finish, and nothing for running ones', () => {
    const finished = task({ state: 'done', submittedAt: NOW - 95_000, addedAt: NOW - 90_000, finishedAt: NOW - 5_000 });
    expect(buildSnapshot(input({ tasks: [finished] })).tasks[0]?.durationMs).toBe(90_000);
    const running = task({ state: 'generating', generatingSince: NOW - 500 });
    expect(buildSnapshot(input({ tasks: [running] })).tasks[0]).not.toHaveProperty('durationMs');
    const seenFinished = task({ state: 'done', finishedAt: NOW, finishedWhenAdded: true });
    expect(buildSnapshot(input({ tasks: [seenFinished] })).tasks[0]).not.toHaveProperty('durationMs');
  });

  it('counts tasks per state', () => {
    const tasks = [task({ state: 'done' }), task({ state: 'done' }), task({ state: 'failed' })];
    expect(buildSnapshot(input({ tasks })).counts).toEqual({
      waiting: 0,
      generating: 0,
      done: 2,
      failed: 1,
      canceled: 0,
    });
  });

  it('marks finished tasks the user has not seen, and only those', () => {
    const unseen = new Set([KEY]);
    expect(buildSnapshot(input({ tasks: [task({ state: 'done' })], unseen })).tasks[0]?.unseen).toBe(true);
    expect(buildSnapshot(input({ tasks: [task({ state: 'generating' })], unseen })).tasks[0]?.unseen).toBe(false);
    expect(buildSnapshot(input({ tasks: [task({ state: 'done' })] })).tasks[0]?.unseen).toBe(false);
  });

  it('offers a preview URL and the model (with a URL when the window can show it) once the download is done', () => {
    const t = task({
      state: 'done',
      download: {
        status: 'done',
        folder: '/x',
        files: ['/x/a.glb', '/x/preview.webp'],
        previewFile: '/x/preview.webp',
      },
    });
    const snapshot = buildSnapshot(input({ tasks: [t], previewUrl: (id, _folder, file) => `p://${id}/${file}` }));
    expect(snapshot.tasks[0]?.download).toEqual({
      status: 'done',
      fileCount: 2,
      note: '2 files saved',
      previewUrl: `p://${taskIdOf(KEY)}//x/preview.webp`,
      model: { name: 'a.glb', format: 'glb', url: `p://${taskIdOf(KEY)}//x/a.glb` },
    });
  });

  it('names a model the window cannot show without a URL, and picks the most useful format first', () => {
    const done = (files: string[]) =>
      buildSnapshot(
        input({
          tasks: [task({ state: 'done', download: { status: 'done', folder: '/x', files } })],
          previewUrl: (id, _folder, file) => `p://${id}/${file}`,
        }),
      ).tasks[0]?.download?.model;
    expect(done(['/x/a.stl', '/x/a.fbx', '/x/preview.webp'])).toEqual({ name: 'a.fbx', format: 'fbx' });
    expect(done(['/x/a.usdz', '/x/b.GLB'])).toEqual({
      name: 'b.GLB',
      format: 'glb',
      url: `p://${taskIdOf(KEY)}//x/b.GLB`,
    });
    expect(done(['/x/preview.webp', '/x/readme.txt'])).toBeUndefined();
  });

  it('says which list entries were refused, next to what was saved', () => {
    const t = task({
      state: 'done',
      download: {
        status: 'done',
        folder: '/x',
        files: ['/x/a.glb', '/x/b.png', '/x/preview.webp'],
        refused: [{ name: 'passwd.txt', reason: 'not an https link' }],
        refusedCount: 1,
      },
    });
    const view = buildSnapshot(input({ tasks: [t] })).tasks[0]?.download;
    expect(view?.note).toBe('3 files saved, 1 refused: not an https link');
    expect(view?.refusedNote).toBe('1 refused: not an https link');
  });

  it('shows one problem, the most important first', () => {
    const throttled = { kind: 'throttled' as const, message: 'slow down', until: NOW + 5000 };
    const base = input({ polling: { paused: true, pausedBy: 'offline', problem: throttled }, keychainProblem: 'k' });
    expect(buildSnapshot({ ...base, key: { present: false, source: 'none' } }).problem?.kind).toBe('no-key');
    expect(buildSnapshot({ ...base, keyRejected: true }).problem?.kind).toBe('key-rejected');
    expect(buildSnapshot(base).problem?.kind).toBe('offline');
    expect(buildSnapshot({ ...base, polling: { paused: false, problem: throttled } }).problem).toEqual(throttled);
    const unreachable = { kind: 'unreachable' as const, message: 'down' };
    expect(buildSnapshot({ ...base, polling: { paused: false, problem: unreachable } }).problem?.kind).toBe(
      'unreachable',
    );
    expect(buildSnapshot({ ...base, polling: { paused: false } }).problem?.kind).toBe('keychain');
    expect(buildSnapshot(input()).problem).toBeUndefined();
  });

  it('explains a missing key by the keychain failure when there was one', () => {
    const problem = buildSnapshot(
      input({ key: { present: false, source: 'none' }, keychainProblem: 'Locked.' }),
    ).problem;
    expect(problem).toEqual({ kind: 'no-key', message: 'Locked.' });
  });

  it('reports a notifications pause only while it lasts', () => {
    expect(buildSnapshot(input({ notificationsPausedUntil: NOW + 1 })).notificationsPausedUntil).toBe(NOW + 1);
    expect(buildSnapshot(input({ notificationsPausedUntil: NOW - 1 })).notificationsPausedUntil).toBeUndefined();
  });
});
