// Child process for the crash test: writes ever-growing task lists through the store, reporting each completed flush.
import { systemClock } from '../../../src/core/clock';
import type { Task } from '../../../src/core/tasks/task';
import { createConfAppStore } from '../../../src/main/store/app-store';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { confFactory } from './conf-factory';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-writer.ts DIR');

const store = createConfAppStore({ cwd: dir, factory: confFactory, clock: systemClock });
store.saveSettings({ ...DEFAULT_SETTINGS, historySize: 5000 });
const tasks: Task[] = store.loadTasks().slice();
// A padded label makes each write take long enough that a kill often lands inside one.
const padding = 'x'.repeat(Number(process.argv[3] ?? 2_000));

function round(): void {
  const n = tasks.length;
  tasks.push({
    subscriptionKey: `key-${n}`,
    label: `Task ${n} ${padding}`,
    jobs: [{ uuid: `job-${n}`, status: 'Generating' }],
    state: 'generating',
    addedAt: n,
    notified: false,
  });
  store.saveTasks(tasks);
  store.flush();
  process.stdout.write(`flushed ${tasks.length}\n`);
  setImmediate(round);
}
round();
