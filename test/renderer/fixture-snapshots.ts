// Hand-made snapshots: for the 1,000-task benchmark and for screenshots of states the simulator reaches slowly.
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import type { AppSnapshot, TaskView } from '../../src/shared/snapshot';
import { isFinished, TASK_STATE_NAMES, zeroCounts, type TaskState } from '../../src/shared/task-states';

export function countStates(tasks: readonly TaskView[]): Record<TaskState, number> {
  const counts = zeroCounts();
  for (const t of tasks) counts[t.state] += 1;
  return counts;
}

export function makeSnapshot(now: number, tasks: TaskView[], extra: Partial<AppSnapshot> = {}): AppSnapshot {
  return {
    now,
    tasks,
    counts: countStates(tasks),
    polling: { paused: false },
    key: { present: true, source: 'keychain', hint: '…c0de' },
    balance: { credits: 212.5, at: now },
    settings: DEFAULT_SETTINGS,
    notices: [],
    demo: false,
    ...extra,
  };
}

const hex = (n: number): string => n.toString(16).padStart(8, '0');

export function makeTask(i: number, now: number, state: TaskState, extra: Partial<TaskView> = {}): TaskView {
  const jobsTotal = 4;
  const jobsDone = state === 'done' ? 4 : state === 'generating' ? i % 4 : state === 'failed' ? 2 : 0;
  return {
    id: `${hex(i)}${hex(i * 7919)}`,
    label: `Task ${i}`,
    state,
    jobs: Array.from({ length: jobsTotal }, (_, j) => ({
      uuid: `${hex(i)}-job-${j}`,
      status:
        j < jobsDone
          ? 'Done'
          : state === 'waiting'
            ? 'Waiting'
            : state === 'generating'
              ? 'Generating'
              : state === 'failed' && j === jobsDone
                ? 'Failed'
                : 'Waiting',
    })),
    jobsDone,
    jobsTotal,
    taskUuid: `${hex(i)}-1111-4222-8333-${hex(i)}abcd`,
    keyHint: hex(i).slice(-4),
    addedAt: now - 60_000 - i * 1000,
    unseen: false,
    ...(state === 'generating' ? { generatingSince: now - 30_000 - i * 500 } : {}),
    ...(isFinished(state)
      ? { finishedAt: now - i * 1000, generatingSince: now - 200_000 - i * 1000, durationMs: 200_000 }
      : {}),
    ...(state === 'waiting' ? { queuePosition: (i % 9) + 1 } : {}),
    ...extra,
  };
}

const STATES: readonly TaskState[] = TASK_STATE_NAMES;

/** `count` tasks spread over every state, like a long-running user's history. */
export function manyTasks(count: number, now: number): TaskView[] {
  return Array.from({ length: count }, (_, i) => makeTask(i, now, STATES[i % 7 < 4 ? 2 : i % 5] ?? 'done'));
}

/** A lived-in list: one of everything, with realistic names, an error and a download in flight. */
export function showcaseSnapshot(now: number): AppSnapshot {
  const tasks: TaskView[] = [
    makeTask(1, now, 'generating', { label: 'Ceramic teapot, glazed', jobsDone: 2, generatingSince: now - 74_000 }),
    makeTask(2, now, 'waiting', { label: 'Victorian armchair', queuePosition: 3, addedAt: now - 12_000 }),
    makeTask(3, now, 'waiting', {
      label: 'Robot mascot v2',
      queuePosition: undefined,
      addedAt: now - 40_000,
      lastError: {
        code: 'HTTP_5XX',
        message: 'Rodin had a server problem (HTTP 502). Retrying in 30 s.',
        at: now - 5000,
      },
    }),
    makeTask(4, now, 'done', {
      label: 'Low-poly fox',
      unseen: true,
      finishedAt: now - 20_000,
      download: { status: 'downloading', receivedBytes: 3_400_000, totalBytes: 8_100_000 },
    }),
    makeTask(5, now, 'done', {
      label: 'Sci-fi crate',
      finishedAt: now - 600_000,
      download: { status: 'done', fileCount: 2, previewUrl: PREVIEW_DATA_URL },
    }),
    makeTask(6, now, 'failed', {
      label: 'Marble bust',
      finishedAt: now - 900_000,
      lastError: {
        code: 'INSUFFICIENT_FUNDS',
        message: 'Your Rodin account has run out of credits.',
        at: now - 900_000,
      },
    }),
    makeTask(7, now, 'canceled', { label: 'Old lamp', finishedAt: now - 3_600_000 }),
  ];
  return makeSnapshot(now, tasks);
}

/** A small gradient "render" so the preview thumbnail has something to show. */
export const PREVIEW_DATA_URL =
  'data:image/svg+xml;base64,' +
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#c7d2fe"/><stop offset="1" stop-color="#6366f1"/></linearGradient></defs><rect width="64" height="64" fill="url(#g)"/><path d="M32 14l16 9v18l-16 9-16-9V23z" fill="#fff" fill-opacity=".85"/><path d="M16 23l16 9 16-9M32 32v18" stroke="#4338ca" stroke-opacity=".5" fill="none"/></svg>`,
  ).toString('base64');
