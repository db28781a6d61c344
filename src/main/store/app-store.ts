// Settings and tasks (with what the scheduler learned) on disk: schema-checked on load, migrated, written at most once a second, flushed on quit.
import type { AppStore } from '../../core/app/types';
import type { Clock, TimerHandle } from '../../core/clock';
import type { Task } from '../../core/tasks/task';
import { isFinished } from '../../core/tasks/task';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings';
import { keepCopy, openConfDocument, type ConfFactory, type ConfLike } from './conf-document';
import {
  migrateDocument,
  SETTINGS_VERSION,
  settingsMigrations,
  TASKS_VERSION,
  tasksMigrations,
  type Migrations,
  type StoredDocument,
} from './migrations';
import { parseStoredTasks } from './task-schema';

export const WRITE_INTERVAL_MS = 1_000;
export const SETTINGS_FILE = 'settings';
export const TASKS_FILE = 'tasks';

export interface AppStoreOptions {
  /** The folder holding settings.json and tasks.json (the app's userData folder). */
  cwd: string;
  factory: ConfFactory;
  clock: Clock;
}

/** Keeps every unfinished task and the newest `historySize` finished ones, in their original order. */
export function capHistory(tasks: readonly Task[], historySize: number): Task[] {
  const finished = tasks.filter((task) => isFinished(task.state));
  if (finished.length <= historySize) return [...tasks];
  const keep = new Set(
    [...finished].sort((a, b) => (b.finishedAt ?? b.addedAt) - (a.finishedAt ?? a.addedAt)).slice(0, historySize),
  );
  return tasks.filter((task) => !isFinished(task.state) || keep.has(task));
}

/** Every valid setting is kept; an invalid one falls back to its default and is named in a notice. */
export function parseSettingsLeniently(value: unknown): { settings: Settings; reset: string[] } {
  const input = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const reset: string[] = [];
  for (const [key, schema] of Object.entries(settingsSchema.shape)) {
    if (!(key in input)) continue;
    const parsed = schema.safeParse(input[key]);
    if (parsed.success) settings[key] = parsed.data;
    else reset.push(key);
  }
  return { settings: settings as Settings, reset };
}

interface LoadedDocument {
  conf: ConfLike;
  document: StoredDocument;
  /** The file needs rewriting in the current format. */
  dirty: boolean;
}

function loadDocument(
  options: AppStoreOptions,
  name: string,
  version: number,
  migrations: Migrations,
  notices: string[],
): LoadedDocument {
  const now = options.clock.now();
  const opened = openConfDocument(options.factory, options.cwd, name, now);
  notices.push(...opened.notices);
  const outcome = migrateDocument(opened.document, version, migrations);
  switch (outcome.kind) {
    case 'current':
      return { conf: opened.conf, document: outcome.document, dirty: false };
    case 'migrated':
      return { conf: opened.conf, document: outcome.document, dirty: true };
    case 'newer': {
      const aside = keepCopy(options.cwd, name, `v${outcome.version}`, now, false);
      notices.push(
        `The ${name} file was written by a newer Rodin Tray (format ${outcome.version}); a copy was kept at ${aside} and this version started fresh.`,
      );
      return { conf: opened.conf, document: { version }, dirty: true };
    }
    case 'broken': {
      const aside = keepCopy(options.cwd, name, 'corrupt', now, false);
      notices.push(`The ${name} file was not usable (${outcome.reason}); it was kept at ${aside} and replaced.`);
      return { conf: opened.conf, document: { version }, dirty: true };
    }
  }
}

export function createConfAppStore(options: AppStoreOptions): AppStore {
  const notices: string[] = [];
  const settingsDoc = loadDocument(options, SETTINGS_FILE, SETTINGS_VERSION, settingsMigrations, notices);
  const tasksDoc = loadDocument(options, TASKS_FILE, TASKS_VERSION, tasksMigrations, notices);

  const parsedSettings = parseSettingsLeniently(settingsDoc.document.settings);
  let settings = parsedSettings.settings;
  if (parsedSettings.reset.length) {
    notices.push(`Some settings were invalid and went back to their defaults: ${parsedSettings.reset.join(', ')}.`);
  }

  const parsedTasks = parseStoredTasks(tasksDoc.document.tasks);
  let tasks = parsedTasks.tasks;
  if (parsedTasks.invalid) {
    const aside = keepCopy(options.cwd, TASKS_FILE, 'corrupt', options.clock.now(), false);
    notices.push(
      `${parsedTasks.invalid} stored task(s) could not be read and were left out; the original file was kept at ${aside}.`,
    );
  }

  // Only its reader knows the shape (it ignores what it cannot use); here anything but a plain object is dropped.
  let schedulerState: unknown = isPlainObject(tasksDoc.document.scheduler) ? tasksDoc.document.scheduler : undefined;

  let settingsPending = settingsDoc.dirty || parsedSettings.reset.length > 0;
  let tasksPending = tasksDoc.dirty || parsedTasks.invalid > 0;
  let timer: TimerHandle | undefined;

  function flush(): void {
    if (timer !== undefined) options.clock.clearTimeout(timer);
    timer = undefined;
    if (settingsPending) {
      settingsDoc.conf.store = { version: SETTINGS_VERSION, settings };
      settingsPending = false;
    }
    if (tasksPending) {
      tasksDoc.conf.store = {
        version: TASKS_VERSION,
        tasks: capHistory(tasks, settings.historySize),
        ...(schedulerState !== undefined ? { scheduler: schedulerState } : {}),
      };
      tasksPending = false;
    }
  }

  function schedule(): void {
    // A write window opens on the first change and takes everything that arrives during it: ≤ 1 write per second.
    timer ??= options.clock.setTimeout(flush, WRITE_INTERVAL_MS);
  }

  if (settingsPending || tasksPending) schedule();

  return {
    loadSettings: () => settings,
    saveSettings(next) {
      settings = next;
      settingsPending = true;
      schedule();
    },
    loadTasks: () => capHistory(tasks, settings.historySize),
    saveTasks(next) {
      tasks = [...next];
      tasksPending = true;
      schedule();
    },
    loadSchedulerState: () => schedulerState,
    saveSchedulerState(next) {
      schedulerState = next;
      tasksPending = true;
      schedule();
    },
    flush,
    notices: () => [...notices],
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
