// Builds the plain AppSnapshot the window and tray render, from the controller's state; pure and key-free.
import { downloadNote, refusedNote } from '../download/download-summary';
import { isViewableModel, pickModelFile } from '../download/model-file';
import { isFinished, jobsDone, queuePosition, taskDuration, type Task } from '../tasks/task';
import { taskIdOf } from '../tasks/task-id';
import type { AppSnapshot, KeyStatus, Problem, TaskView } from '../../shared/snapshot';
import { zeroCounts } from '../../shared/task-states';
import type { Settings } from '../../shared/settings';

/** The parts of the scheduler's status a snapshot needs (structurally the scheduler's SchedulerStatus). */
export interface PollingStatus {
  paused: boolean;
  pausedBy?: 'user' | 'offline' | 'asleep';
  problem?: { kind: 'key-rejected' | 'throttled' | 'unreachable'; message: string; until?: number };
  nextCheckAt?: number;
}

export interface SnapshotInput {
  tasks: readonly Task[];
  polling: PollingStatus;
  key: KeyStatus;
  /** The key was rejected outside polling (e.g. by a balance call) and has not changed since. */
  keyRejected?: boolean;
  /** Why the keychain could not be used, when it could not. */
  keychainProblem?: string;
  /** The base URL's host is not the one the key is bound to (waiting for, or refused, the user's yes). */
  keyOriginProblem?: string;
  balance?: { credits: number; at: number };
  settings: Settings;
  notices: readonly string[];
  now: number;
  demo: boolean;
  notificationsPausedUntil?: number;
  /** Subscription keys of finished tasks the user has not looked at yet. */
  unseen: ReadonlySet<string>;
  previewUrl?: (taskId: string, folder: string, file: string) => string | undefined;
}

const NO_KEY_MESSAGE = 'Set your Rodin API key to start checking tasks.';
const KEY_REJECTED_MESSAGE = 'Rodin rejected the API key; checking is stopped until you set a valid key.';
const OFFLINE_MESSAGE = 'You are offline; checks resume as soon as the connection is back.';

/** One problem at a time, the one whose fix unblocks the most: no-key > key-origin > key-rejected > offline > throttled > unreachable > keychain. */
export function pickProblem(input: SnapshotInput): Problem | undefined {
  // A keychain that cannot be read usually means no key either: say why, under the banner that offers the fix.
  if (!input.key.present) return { kind: 'no-key', message: input.keychainProblem ?? NO_KEY_MESSAGE };
  // Checks fail before they are sent while the key is held back: say why, not "rejected".
  if (input.keyOriginProblem) return { kind: 'key-origin', message: input.keyOriginProblem };
  const fromPolling = input.polling.problem;
  if (fromPolling?.kind === 'key-rejected') return { kind: 'key-rejected', message: fromPolling.message };
  if (input.keyRejected) return { kind: 'key-rejected', message: KEY_REJECTED_MESSAGE };
  if (input.polling.paused && input.polling.pausedBy === 'offline')
    return { kind: 'offline', message: OFFLINE_MESSAGE };
  if (fromPolling?.kind === 'throttled') {
    return {
      kind: 'throttled',
      message: fromPolling.message,
      ...(fromPolling.until !== undefined ? { until: fromPolling.until } : {}),
    };
  }
  if (fromPolling?.kind === 'unreachable') return { kind: 'unreachable', message: fromPolling.message };
  if (input.keychainProblem) return { kind: 'keychain', message: input.keychainProblem };
  return undefined;
}

function downloadView(task: Task, id: string, previewUrl: SnapshotInput['previewUrl']): TaskView['download'] {
  const d = task.download;
  if (!d) return undefined;
  const view: NonNullable<TaskView['download']> = { status: d.status };
  if (d.receivedBytes !== undefined) view.receivedBytes = d.receivedBytes;
  if (d.totalBytes !== undefined) view.totalBytes = d.totalBytes;
  if (d.files) view.fileCount = d.files.length;
  else if (d.fileCount !== undefined) view.fileCount = d.fileCount;
  if (d.filesDone !== undefined && d.status === 'downloading') view.filesDone = d.filesDone;
  if (d.error) view.error = d.error;
  const note = downloadNote(d);
  if (note) view.note = note;
  const refused = refusedNote(d);
  if (refused) view.refusedNote = refused;
  if (d.status === 'done' && d.folder && d.previewFile && previewUrl) {
    const url = previewUrl(id, d.folder, d.previewFile);
    if (url) view.previewUrl = url;
  }
  const model = d.status === 'done' && d.files ? pickModelFile(d.files) : undefined;
  if (model) {
    view.model = { name: model.name, format: model.format };
    const url = isViewableModel(model.format) && d.folder ? previewUrl?.(id, d.folder, model.file) : undefined;
    if (url) view.model.url = url;
  }
  return view;
}

export function buildTaskView(task: Task, input: Pick<SnapshotInput, 'unseen' | 'previewUrl'>): TaskView {
  const id = taskIdOf(task.subscriptionKey);
  const view: TaskView = {
    id,
    label: task.label,
    state: task.state,
    jobs: task.jobs.map((j) => ({
      uuid: j.uuid,
      status: j.status,
      ...(j.queueLength !== undefined ? { queueLength: j.queueLength } : {}),
    })),
    jobsDone: jobsDone(task.jobs),
    jobsTotal: task.jobs.length,
    keyHint: task.subscriptionKey.slice(-4),
    addedAt: task.addedAt,
    unseen: isFinished(task.state) && input.unseen.has(task.subscriptionKey),
  };
  const position = queuePosition(task.jobs);
  if (position !== undefined) view.queuePosition = position;
  if (task.taskUuid) view.taskUuid = task.taskUuid;
  if (task.generatingSince !== undefined) view.generatingSince = task.generatingSince;
  if (task.finishedAt !== undefined) view.finishedAt = task.finishedAt;
  const duration = taskDuration(task);
  if (duration !== undefined) view.durationMs = duration;
  if (task.lastError) view.lastError = { ...task.lastError };
  const download = downloadView(task, id, input.previewUrl);
  if (download) view.download = download;
  return view;
}

export function buildSnapshot(input: SnapshotInput): AppSnapshot {
  const counts = zeroCounts();
  for (const task of input.tasks) counts[task.state] += 1;
  const polling: AppSnapshot['polling'] = { paused: input.polling.paused };
  if (input.polling.pausedBy) polling.pausedBy = input.polling.pausedBy;
  if (input.polling.nextCheckAt !== undefined) polling.nextCheckAt = input.polling.nextCheckAt;
  const key: KeyStatus = { present: input.key.present, source: input.key.source };
  if (input.key.hint) key.hint = input.key.hint;
  const snapshot: AppSnapshot = {
    now: input.now,
    tasks: input.tasks.map((t) => buildTaskView(t, input)),
    counts,
    polling,
    key,
    settings: { ...input.settings },
    notices: [...input.notices],
    demo: input.demo,
  };
  const problem = pickProblem(input);
  if (problem) snapshot.problem = problem;
  if (input.balance) snapshot.balance = { ...input.balance };
  if (input.notificationsPausedUntil !== undefined && input.notificationsPausedUntil > input.now) {
    snapshot.notificationsPausedUntil = input.notificationsPausedUntil;
  }
  return snapshot;
}
