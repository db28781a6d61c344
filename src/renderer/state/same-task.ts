// Cheap structural equality for task views, so rows skip re-rendering when a snapshot leaves them unchanged.
// Snapshots arrive structured-cloned over IPC, so object identity says nothing; comparing fields does.
import type { TaskView } from '../../shared/snapshot';

// for…in rather than Object.keys: this runs for every row on every snapshot, and allocating arrays there shows up.
function sameShallow<T extends object>(a: T | undefined, b: T | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  let count = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    count += 1;
  }
  for (const _ in b) count -= 1;
  return count === 0;
}

/** Like sameShallow, one level deeper for the model (a nested object, new with every snapshot). */
function sameDownload(a: TaskView['download'], b: TaskView['download']): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  let count = 0;
  for (const k in a) {
    const key = k as keyof typeof a;
    if (key === 'model' ? !sameShallow(a.model, b.model) : a[key] !== b[key]) return false;
    count += 1;
  }
  for (const _ in b) count -= 1;
  return count === 0;
}

export function sameTaskView(a: TaskView, b: TaskView): boolean {
  if (a === b) return true;
  if (
    a.id !== b.id ||
    a.label !== b.label ||
    a.state !== b.state ||
    a.jobsDone !== b.jobsDone ||
    a.jobsTotal !== b.jobsTotal ||
    a.queuePosition !== b.queuePosition ||
    a.taskUuid !== b.taskUuid ||
    a.keyHint !== b.keyHint ||
    a.addedAt !== b.addedAt ||
    a.generatingSince !== b.generatingSince ||
    a.finishedAt !== b.finishedAt ||
    a.durationMs !== b.durationMs ||
    a.unseen !== b.unseen
  ) {
    return false;
  }
  if (!sameShallow(a.lastError, b.lastError) || !sameDownload(a.download, b.download)) return false;
  if (a.jobs.length !== b.jobs.length) return false;
  for (let i = 0; i < a.jobs.length; i += 1) {
    const x = a.jobs[i];
    const y = b.jobs[i];
    if (!x || !y || x.uuid !== y.uuid || x.status !== y.status || x.queueLength !== y.queueLength) return false;
  }
  return true;
}
