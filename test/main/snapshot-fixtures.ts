// Small builders for snapshots and task views, so main-process tests state only what matters to them.
import type { AppSnapshot, TaskView } from '../../src/shared/snapshot';
import { zeroCounts } from '../../src/shared/task-states';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

let counter = 0;

export function makeTaskView(overrides: Partial<TaskView> = {}): TaskView {
  counter += 1;
  return {
    id: `task${String(counter).padStart(12, '0')}`,
    label: `Task ${counter}`,
    state: 'waiting',
    jobs: [],
    jobsDone: 0,
    jobsTotal: 4,
    keyHint: '…abcd',
    addedAt: 1_000,
    unseen: false,
    ...overrides,
  };
}

export function makeSnapshot(overrides: Partial<AppSnapshot> = {}): AppSnapshot {
  const tasks = overrides.tasks ?? [];
  const counts = zeroCounts();
  for (const task of tasks) counts[task.state] += 1;
  return {
    now: 10_000,
    tasks,
    counts,
    polling: { paused: false },
    key: { present: true, source: 'keychain', hint: '…wxyz' },
    settings: DEFAULT_SETTINGS,
    notices: [],
    demo: false,
    ...overrides,
  };
}
