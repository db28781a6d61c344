// The plain, immutable data the window and the tray render. It never holds the API key.
import type { Settings } from './settings';
import type { TaskState } from './task-states';

/** Rodin's geometry formats (`geometry_file_format`), plus glTF's text form. */
export type ModelFormat = 'glb' | 'gltf' | 'fbx' | 'usdz' | 'obj' | 'stl';

export interface JobView {
  uuid: string;
  status: string;
  queueLength?: number;
}

export interface TaskView {
  /** Stable short id derived from the subscription key; the key itself stays in the main process. */
  id: string;
  label: string;
  state: TaskState;
  jobs: JobView[];
  jobsDone: number;
  jobsTotal: number;
  /** Smallest queue_length among waiting jobs, when the API told us. */
  queuePosition?: number;
  taskUuid?: string;
  /** Last 4 characters of the subscription key, for recognising it. */
  keyHint: string;
  addedAt: number;
  /** First seen generating: the window's "time generating" stopwatch starts here. */
  generatingSince?: number;
  finishedAt?: number;
  /** How long the finished task took (core/tasks/task.ts taskDuration); absent if we never saw it run. */
  durationMs?: number;
  lastError?: { code: string; message: string; at: number };
  /** Finished and not yet looked at in the window. */
  unseen: boolean;
  download?: {
    status: 'pending' | 'downloading' | 'done' | 'failed';
    receivedBytes?: number;
    totalBytes?: number;
    fileCount?: number;
    /** Files finished so far while downloading. */
    filesDone?: number;
    /** "3 files saved, 1 refused: not an https link" once finished. */
    note?: string;
    /** Entries of the service's list skipped as unsafe ("1 refused: not an https link"). */
    refusedNote?: string;
    /** A URL the window may load (custom protocol in the app), for preview.webp once downloaded. */
    previewUrl?: string;
    /** The downloaded model file; `url` (same protocol as the preview) only for formats the window can show in 3D. */
    model?: { name: string; format: ModelFormat; url?: string };
    error?: string;
  };
}

export type ProblemKind =
  'no-key' | 'key-origin' | 'key-rejected' | 'offline' | 'throttled' | 'unreachable' | 'keychain';

export interface Problem {
  kind: ProblemKind;
  message: string;
  /** For throttling: when calls resume (epoch ms). */
  until?: number;
}

export type KeySource = 'env' | 'keychain' | 'safe-storage' | 'memory' | 'none';

export interface KeyStatus {
  present: boolean;
  source: KeySource;
  /** "…abcd": the last four characters, never more. */
  hint?: string;
  /** The API origin the key may be sent to (e.g. https://api.hyper3d.com). */
  origin?: string;
}

export interface AppSnapshot {
  /** When this snapshot was made (epoch ms); the window computes elapsed times from it. */
  now: number;
  tasks: TaskView[];
  counts: Record<TaskState, number>;
  polling: { paused: boolean; pausedBy?: 'user' | 'offline' | 'asleep'; nextCheckAt?: number };
  problem?: Problem;
  key: KeyStatus;
  balance?: { credits: number; at: number };
  notificationsPausedUntil?: number;
  settings: Settings;
  /** One-off messages for the user, e.g. "Your settings file was corrupted and was moved aside to …". */
  notices: string[];
  demo: boolean;
}
