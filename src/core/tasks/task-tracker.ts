// Holds the watched tasks as immutable values, applies status results, and emits one event per real transition.
import type { Clock } from '../clock';
import type { StatusResult } from '../rodin/types';
import { defaultLabel, deriveTaskState, isFinished } from './task';
import type { Task, TaskDownload, TaskError, TaskInput } from './task';
import { taskIdOf } from './task-id';

export const DEFAULT_HISTORY_SIZE = 500;

export interface TaskTracker {
  add(input: TaskInput): { task: Task; added: boolean };
  remove(subscriptionKey: string): Task | undefined;
  restore(task: Task): void;
  rename(subscriptionKey: string, label: string): void;
  applyStatus(subscriptionKey: string, result: StatusResult): void;
  recordError(subscriptionKey: string, error: TaskError): void;
  setDownload(subscriptionKey: string, download: TaskDownload): void;
  markNotified(subscriptionKey: string): void;
  /** The window showed this finished task; false if there was nothing to clear. */
  markSeen(subscriptionKey: string): boolean;
  get(subscriptionKey: string): Task | undefined;
  getById(id: string): Task | undefined;
  list(): readonly Task[];
  active(): Task[];
  setHistorySize(n: number): void;
  toJSON(): Task[];
  on(event: 'added' | 'removed', listener: (task: Task) => void): () => void;
  on(event: 'changed', listener: (task: Task, previous: Task) => void): () => void;
  on(event: 'finished', listener: (task: Task) => void): () => void;
}

type Listener = (task: Task, previous: Task) => void;
type EventName = 'added' | 'removed' | 'changed' | 'finished';

interface Entry {
  task: Task;
  /** Insertion order, to keep `list()` stable among tasks added in the same millisecond. */
  seq: number;
}

export function createTaskTracker(options: { clock: Clock; tasks?: Task[]; historySize?: number }): TaskTracker {
  const { clock } = options;
  const entries = new Map<string, Entry>();
  const ids = new Map<string, string>();
  const listeners: Record<EventName, Set<Listener>> = {
    added: new Set(),
    removed: new Set(),
    changed: new Set(),
    finished: new Set(),
  };
  let historySize = sanitizeHistorySize(options.historySize);
  let seq = 0;
  let cachedList: readonly Task[] | undefined;

  const emit = (event: EventName, task: Task, previous: Task = task) => {
    for (const listener of [...listeners[event]]) listener(task, previous);
  };

  const put = (task: Task) => {
    const existing = entries.get(task.subscriptionKey);
    entries.set(task.subscriptionKey, { task: Object.freeze(task), seq: existing?.seq ?? seq++ });
    ids.set(taskIdOf(task.subscriptionKey), task.subscriptionKey);
    cachedList = undefined;
  };

  const drop = (subscriptionKey: string) => {
    entries.delete(subscriptionKey);
    ids.delete(taskIdOf(subscriptionKey));
    cachedList = undefined;
  };

  const replace = (subscriptionKey: string, change: (task: Task) => Task | undefined) => {
    const previous = entries.get(subscriptionKey)?.task;
    if (!previous) return;
    const next = change(previous);
    if (!next || next === previous) return;
    put(next);
    emit('changed', next, previous);
    if (!isFinished(previous.state) && isFinished(next.state)) {
      emit('finished', next);
      prune();
    }
  };

  /** Drops the oldest finished tasks beyond the history size; active tasks are never dropped. */
  const prune = () => {
    const finished = [...entries.values()].filter((e) => isFinished(e.task.state));
    if (finished.length <= historySize) return;
    finished.sort((a, b) => finishedOrder(a) - finishedOrder(b) || a.seq - b.seq);
    for (const entry of finished.slice(0, finished.length - historySize)) {
      drop(entry.task.subscriptionKey);
      emit('removed', entry.task);
    }
  };

  // Persisted tasks come back newest first (as toJSON wrote them): insert oldest first so ties keep their order.
  for (const task of [...(options.tasks ?? [])].reverse()) {
    if (!isRestorableTask(task) || entries.has(task.subscriptionKey)) continue;
    put({ ...task, jobs: task.jobs.map((job) => ({ ...job })) });
  }
  prune();

  const tracker: TaskTracker = {
    add(input) {
      const existing = entries.get(input.subscriptionKey)?.task;
      if (existing) return { task: existing, added: false };
      const task: Task = {
        subscriptionKey: input.subscriptionKey,
        label: input.label?.trim() || defaultLabel(input),
        jobs: [],
        state: 'waiting',
        addedAt: clock.now(),
        notified: false,
      };
      if (input.taskUuid) task.taskUuid = input.taskUuid;
      if (input.tier) task.tier = input.tier;
      if (input.fromLink) task.fromLink = true;
      put(task);
      const stored = entries.get(input.subscriptionKey)!.task;
      emit('added', stored);
      return { task: stored, added: true };
    },

    remove(subscriptionKey) {
      const task = entries.get(subscriptionKey)?.task;
      if (!task) return undefined;
      drop(subscriptionKey);
      emit('removed', task);
      return task;
    },

    restore(task) {
      if (entries.has(task.subscriptionKey)) return;
      put(task);
      emit('added', entries.get(task.subscriptionKey)!.task);
      prune();
    },

    rename(subscriptionKey, label) {
      replace(subscriptionKey, (task) => {
        const next = label.trim() || defaultLabel(task);
        return next === task.label ? task : { ...task, label: next };
      });
    },

    applyStatus(subscriptionKey, result) {
      const now = clock.now();
      replace(subscriptionKey, (task) => {
        // A finished task is final: a repeated or contradictory answer must not re-open or re-finish it.
        if (isFinished(task.state)) {
          if (!task.lastError) return task;
          const { lastError: _cleared, ...rest } = task;
          return { ...rest, lastPolledAt: now };
        }
        const jobs = result.jobs.map((job) => ({ ...job }));
        const state = deriveTaskState(jobs);
        const next: Task = { ...task, jobs, state, lastPolledAt: now };
        delete next.lastError;
        if (next.generatingSince === undefined && jobs.some((j) => j.status === 'Generating')) {
          next.generatingSince = now;
        }
        if (isFinished(state)) {
          next.finishedAt = now;
          next.unseen = true;
          if (task.lastPolledAt === undefined) {
            // Already over when we first looked (e.g. pasted from yesterday): no "finished" notification for it.
            next.finishedWhenAdded = true;
            next.notified = true;
          }
        }
        return next;
      });
    },

    recordError(subscriptionKey, error) {
      replace(subscriptionKey, (task) => ({ ...task, lastError: { ...error } }));
    },

    setDownload(subscriptionKey, download) {
      replace(subscriptionKey, (task) => ({ ...task, download: { ...download } }));
    },

    markNotified(subscriptionKey) {
      replace(subscriptionKey, (task) => (task.notified ? task : { ...task, notified: true }));
    },

    markSeen(subscriptionKey) {
      const task = entries.get(subscriptionKey)?.task;
      // Only a finished task is "seen": a link-added task stays held back from downloading until then.
      if (!task?.unseen) return false;
      replace(subscriptionKey, ({ unseen: _seen, fromLink: _shown, ...rest }) => rest);
      return true;
    },

    get: (subscriptionKey) => entries.get(subscriptionKey)?.task,

    getById(id) {
      const key = ids.get(id);
      return key === undefined ? undefined : entries.get(key)?.task;
    },

    list() {
      cachedList ??= Object.freeze(
        [...entries.values()].sort((a, b) => b.task.addedAt - a.task.addedAt || b.seq - a.seq).map((e) => e.task),
      );
      return cachedList;
    },

    active: () => tracker.list().filter((task) => !isFinished(task.state)),

    setHistorySize(n) {
      historySize = sanitizeHistorySize(n);
      prune();
    },

    toJSON: () => tracker.list().map((task) => structuredClone(task)),

    on(event: EventName, listener: Listener) {
      listeners[event].add(listener);
      return () => {
        listeners[event].delete(listener);
      };
    },
  };
  return tracker;
}

function finishedOrder(entry: Entry): number {
  return entry.task.finishedAt ?? entry.task.addedAt;
}

function sanitizeHistorySize(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return DEFAULT_HISTORY_SIZE;
  return Math.max(0, Math.floor(n));
}

/** Persisted data may be old or hand-edited: keep anything with a key and a job list, skip the rest. */
function isRestorableTask(task: unknown): task is Task {
  if (!task || typeof task !== 'object') return false;
  const t = task as Partial<Task>;
  return (
    typeof t.subscriptionKey === 'string' &&
    t.subscriptionKey.length > 0 &&
    Array.isArray(t.jobs) &&
    typeof t.state === 'string' &&
    typeof t.addedAt === 'number' &&
    typeof t.label === 'string'
  );
}
