// What the app controller needs from its host (Electron main, or a test process) and what it offers back.
import type { Task } from '../tasks/task';
import type { ClipboardContent } from './generation-actions';
import type { AppSnapshot } from '../../shared/snapshot';
import type { AddTasksResult, IpcHandlers } from '../../shared/ipc';
import type { AppNotification } from '../notify/finish-notifications';
import type { Settings } from '../../shared/settings';

/** Persistence of settings and tasks (electron-store in the app, a temp file or memory in tests). */
export interface AppStore {
  loadSettings(): Settings;
  saveSettings(settings: Settings): void;
  loadTasks(): Task[];
  /** May be debounced by the implementation; `flush` writes what is pending. */
  saveTasks(tasks: readonly Task[]): void;
  flush(): void;
  /** What the scheduler learned (plain JSON, checked by its reader); optional so simple stores may forget it. */
  loadSchedulerState?(): unknown;
  /** May be debounced like `saveTasks`; `flush` writes it too. */
  saveSchedulerState?(state: unknown): void;
  /** Messages about what loading had to repair (e.g. a corrupted file moved aside). */
  notices(): string[];
}

/** A yes/no question main asks with a native dialog (never the window, which a page could fake or click). */
export interface Confirmation {
  message: string;
  detail: string;
  /** The button that says yes ("Add", "Use the key there"); the other one is Cancel, the default. */
  confirmLabel: string;
}

/** OS services the controller asks for; each is a few lines in main and a recorder in tests. */
export interface Platform {
  /** Asks the user; resolves true only for an explicit yes. */
  confirm(question: Confirmation): Promise<boolean>;
  copyText(text: string): void;
  /** Opens a folder, or a file in its default app. */
  openPath(path: string): Promise<void>;
  /** Shows a file selected in the OS file manager. */
  showItemInFolder(path: string): void;
  /** Starts an OS drag of a file out of the window (the window asked on its dragstart). */
  startDrag(path: string): void;
  chooseFolder(): Promise<string | null>;
  hideWindow(): void;
  defaultDownloadRoot(): string;
  setLaunchAtLogin(enabled: boolean): void;
  /** A URL the window can load for a downloaded preview file, or undefined if previews are not served. */
  previewUrl(taskId: string, folder: string, file: string): string | undefined;
}

export interface FinishedEvent {
  task: Task;
}

export interface AppController {
  handlers: IpcHandlers;
  snapshot(): AppSnapshot;
  onSnapshot(listener: (snapshot: AppSnapshot) => void): () => void;
  /**
   * The tray's "New generation from clipboard": keeps the clipboard's text or image for the form to take
   * (`generation:take-draft`); returns a sentence when there is nothing usable, undefined when the form may open.
   */
  draftGenerationFromClipboard(clip: ClipboardContent): string | undefined;
  /** Fires once per task finish (never for tasks already finished when added, never twice). */
  onFinished(listener: (event: FinishedEvent) => void): () => void;
  /** Notifications to raise, already filtered by the settings and the pause, bursts coalesced into a summary. */
  onNotify(listener: (notification: AppNotification) => void): () => void;
  setOnline(online: boolean): void;
  suspend(): void;
  resume(): void;
  /**
   * A rodin-tray://add link (from anywhere, e.g. a web page): asks the user first, adds at most 20 tasks, and
   * holds back their automatic download until the user has seen them in the window.
   */
  addFromLink(url: string): Promise<AddTasksResult>;
  /** Folders a task's results may live under: the chosen download folder and the platform default. */
  downloadRoots(): string[];
  /** Stops timers and writes the store before returning (main's before-quit relies on it); the promise is settled. */
  shutdown(): Promise<void>;
}
