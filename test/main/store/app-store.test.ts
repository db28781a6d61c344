import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '../../support/fake-clock';
import type { Task } from '../../../src/core/tasks/task';
import { capHistory, createConfAppStore, WRITE_INTERVAL_MS } from '../../../src/main/store/app-store';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { confFactory } from './conf-factory';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rodin-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function task(n: number, overrides: Partial<Task> = {}): Task {
  return {
    subscriptionKey: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig${n}`,
    taskUuid: `uuid-${n}`,
    label: `Task ${n}`,
    jobs: [{ uuid: `job-${n}`, status: 'Done' }],
    state: 'done',
    addedAt: 1_000 + n,
    finishedAt: 2_000 + n,
    notified: true,
    download: { status: 'done', folder: `/tmp/r/${n}`, files: ['a.glb'] },
    ...overrides,
  };
}

function open(clock = createFakeClock()) {
  return { clock, store: createConfAppStore({ cwd: dir, factory: confFactory, clock }) };
}

function readJson(name: string): unknown {
  const file = join(dir, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

describe('conf app store', () => {
  it('starts with default settings and no tasks on an empty folder', () => {
    const { store } = open();
    expect(store.loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(store.loadTasks()).toEqual([]);
    expect(store.notices()).toEqual([]);
  });

  it('round-trips settings and tasks, keeping notified and download status and unknown job statuses', () => {
    const first = open();
    const tasks = [task(1), task(2, { state: 'waiting', jobs: [{ uuid: 'j', status: 'Frobnicating' }] })];
    first.store.saveSettings({ ...DEFAULT_SETTINGS, autoDownload: false });
    first.store.saveTasks(tasks);
    first.store.flush();

    const second = open();
    expect(second.store.loadSettings().autoDownload).toBe(false);
    expect(second.store.loadTasks()).toEqual(tasks);
  });

  it('writes at most once per second, taking every change made in that window', async () => {
    const { store, clock } = open();
    store.saveTasks([task(1)]);
    store.saveTasks([task(1), task(2)]);
    expect(readJson('tasks')).toBeUndefined();
    await clock.advance(WRITE_INTERVAL_MS - 1);
    expect(readJson('tasks')).toBeUndefined();
    await clock.advance(1);
    expect(readJson('tasks')).toMatchObject({ version: 1, tasks: [{ label: 'Task 1' }, { label: 'Task 2' }] });
  });

  it('flush writes what is pending at once (quit)', () => {
    const { store } = open();
    store.saveTasks([task(7)]);
    store.flush();
    expect(readJson('tasks')).toMatchObject({ tasks: [{ label: 'Task 7' }] });
  });

  it('round-trips what the scheduler learned and the unseen mark, and loads older tasks without them', () => {
    const first = open();
    const state = { generation: { Sketch: [20_000, 22_000], '*': [20_000, 22_000] }, queue: [6_000] };
    first.store.saveTasks([task(1, { unseen: true }), task(2)]);
    first.store.saveSchedulerState?.(state);
    first.store.flush();

    const second = open();
    expect(second.store.loadSchedulerState?.()).toEqual(state);
    expect(second.store.loadTasks().map((t) => t.unseen)).toEqual([true, undefined]);
  });

  it('ignores an unusable scheduler state without a notice, keeping the tasks', () => {
    writeFileSync(join(dir, 'tasks.json'), JSON.stringify({ version: 1, tasks: [task(1)], scheduler: 'garbage' }));
    const { store } = open();
    expect(store.loadSchedulerState?.()).toBeUndefined();
    expect(store.loadTasks().map((t) => t.label)).toEqual(['Task 1']);
    expect(store.notices()).toEqual([]);
  });

  it('moves a corrupted file aside, starts, and says where the old file went', () => {
    writeFileSync(join(dir, 'tasks.json'), '{"version":1,"tasks":[{"subscr');
    const { store } = open();
    expect(store.loadTasks()).toEqual([]);
    const aside = readdirSync(dir).find((name) => /^tasks\.corrupt-.*\.json$/.test(name));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside ?? ''), 'utf8')).toBe('{"version":1,"tasks":[{"subscr');
    expect(store.notices().join('\n')).toContain(aside);
  });

  it('keeps readable tasks when one entry is broken, and keeps a copy of the original file', () => {
    writeFileSync(join(dir, 'tasks.json'), JSON.stringify({ version: 1, tasks: [task(1), { label: 42 }, task(3)] }));
    const { store } = open();
    expect(store.loadTasks().map((t) => t.label)).toEqual(['Task 1', 'Task 3']);
    expect(store.notices()[0]).toMatch(/1 stored task\(s\) could not be read/);
    expect(readdirSync(dir).some((name) => name.startsWith('tasks.corrupt-'))).toBe(true);
  });

  it('resets only the invalid settings and names them', () => {
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ version: 1, settings: { autoDownload: false, historySize: -5 } }),
    );
    const { store } = open();
    expect(store.loadSettings().autoDownload).toBe(false);
    expect(store.loadSettings().historySize).toBe(DEFAULT_SETTINGS.historySize);
    expect(store.notices().join(' ')).toContain('historySize');
  });

  it('migrates an unversioned settings file and rewrites it in the current format', async () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ notifyOnDone: false }));
    const { store, clock } = open();
    expect(store.loadSettings().notifyOnDone).toBe(false);
    await clock.advance(WRITE_INTERVAL_MS);
    expect(readJson('settings')).toMatchObject({ version: 1, settings: { notifyOnDone: false } });
  });

  it('does not overwrite a file from a newer version without keeping a copy', () => {
    writeFileSync(join(dir, 'tasks.json'), JSON.stringify({ version: 99, tasks: [] }));
    const { store } = open();
    expect(readdirSync(dir).some((name) => name.startsWith('tasks.v99-'))).toBe(true);
    expect(store.notices().join(' ')).toContain('newer Rodin Tray');
  });

  it('caps finished history at the setting, keeping every unfinished task', () => {
    const { store } = open();
    store.saveSettings({ ...DEFAULT_SETTINGS, historySize: 10 });
    const finished = Array.from({ length: 15 }, (_, i) => task(i));
    const running = task(100, { state: 'generating', finishedAt: undefined });
    store.saveTasks([running, ...finished]);
    store.flush();
    const saved = (readJson('tasks') as { tasks: Task[] }).tasks;
    expect(saved).toHaveLength(11);
    expect(saved[0]?.label).toBe('Task 100');
    expect(saved.map((t) => t.label)).not.toContain('Task 0');
  });
});

describe('capHistory', () => {
  it('drops the oldest finished tasks first', () => {
    const tasks = [task(3), task(1), task(2)];
    expect(capHistory(tasks, 2).map((t) => t.label)).toEqual(['Task 3', 'Task 2']);
  });
});
