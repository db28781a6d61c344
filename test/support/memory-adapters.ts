// In-memory AppStore, KeyStore and a recording Platform: for the controller's tests and the renderer harness.
import type { Confirmation, AppStore, Platform } from '../../src/core/app/types';
import type { KeyStore } from '../../src/core/secrets/key-store';
import type { Task } from '../../src/core/tasks/task';
import type { KeyStatus } from '../../src/shared/snapshot';
import { LEGACY_KEY_ORIGIN, originOf, type BoundKey } from '../../src/core/secrets/bound-key';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../src/shared/settings';

export interface MemoryStore extends AppStore {
  /** What was last saved (tasks are plain values, so this is what a restart would load). */
  savedTasks(): Task[];
  savedSettings(): Settings;
  savedSchedulerState(): unknown;
  flushCount(): number;
}

export function createMemoryStore(
  initial: { settings?: Partial<Settings>; tasks?: Task[]; notices?: string[]; schedulerState?: unknown } = {},
): MemoryStore {
  let settings: Settings = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...initial.settings });
  let tasks: Task[] = structuredClone(initial.tasks ?? []);
  let schedulerState: unknown = structuredClone(initial.schedulerState);
  let flushes = 0;
  const notices = [...(initial.notices ?? [])];
  return {
    loadSettings: () => ({ ...settings }),
    saveSettings: (next) => {
      settings = { ...next };
    },
    loadTasks: () => structuredClone(tasks),
    // Cloning on save proves the controller hands over plain data, as electron-store would serialise it.
    saveTasks: (next) => {
      tasks = structuredClone([...next]);
    },
    loadSchedulerState: () => structuredClone(schedulerState),
    saveSchedulerState: (next) => {
      schedulerState = structuredClone(next);
    },
    flush: () => {
      flushes += 1;
    },
    notices: () => [...notices],
    savedTasks: () => structuredClone(tasks),
    savedSettings: () => ({ ...settings }),
    savedSchedulerState: () => structuredClone(schedulerState),
    flushCount: () => flushes,
  };
}

export interface MemoryKeyStore extends KeyStore {
  /** How many times the stored key was read: the controller should cache it, not ask per request. */
  reads(): number;
}

/** `origin`: where the initial key was verified (the public API unless a test says otherwise). */
export function createMemoryKeyStore(
  initialKey?: string,
  source: KeyStatus['source'] = 'memory',
  origin: string = LEGACY_KEY_ORIGIN,
): MemoryKeyStore {
  let key: BoundKey | undefined = initialKey ? { key: initialKey, origin: originOf(origin) } : undefined;
  let reads = 0;
  return {
    get: () => {
      reads += 1;
      return Promise.resolve(key);
    },
    set: (next, nextOrigin) => {
      key = { key: next, origin: originOf(nextOrigin) };
      return Promise.resolve();
    },
    clear: () => {
      key = undefined;
      return Promise.resolve();
    },
    status: () =>
      Promise.resolve(
        key
          ? { present: true, source, hint: `…${key.key.slice(-4)}`, origin: key.origin }
          : { present: false, source: 'none' },
      ),
    reads: () => reads,
  };
}

export interface RecordingPlatform extends Platform {
  copied: string[];
  openedPaths: string[];
  shownInFolder: string[];
  dragged: string[];
  launchAtLogin: boolean[];
  hideCount: number;
  /** What the next chooseFolder() returns (null = the user cancelled). */
  nextChosenFolder: string | null;
  /** Questions asked with confirm(), and what the next answer is (false = Cancel, the safe default). */
  confirmations: Confirmation[];
  nextConfirm: boolean;
}

export function createRecordingPlatform(
  options: {
    downloadRoot?: string;
    previewUrl?: (taskId: string, folder: string, file: string) => string | undefined;
  } = {},
): RecordingPlatform {
  const platform: RecordingPlatform = {
    copied: [],
    openedPaths: [],
    shownInFolder: [],
    dragged: [],
    launchAtLogin: [],
    hideCount: 0,
    nextChosenFolder: null,
    confirmations: [],
    nextConfirm: false,
    confirm: (question) => {
      platform.confirmations.push(question);
      return Promise.resolve(platform.nextConfirm);
    },
    copyText: (text) => {
      platform.copied.push(text);
    },
    openPath: (path) => {
      platform.openedPaths.push(path);
      return Promise.resolve();
    },
    showItemInFolder: (path) => {
      platform.shownInFolder.push(path);
    },
    startDrag: (path) => {
      platform.dragged.push(path);
    },
    chooseFolder: () => Promise.resolve(platform.nextChosenFolder),
    hideWindow: () => {
      platform.hideCount += 1;
    },
    defaultDownloadRoot: () => options.downloadRoot ?? 'Downloads/Rodin',
    setLaunchAtLogin: (enabled) => {
      platform.launchAtLogin.push(enabled);
    },
    previewUrl:
      options.previewUrl ?? ((taskId, _folder, file) => `rodin-preview://${taskId}/${encodeURIComponent(file)}`),
  };
  return platform;
}
