// Cheap structural equality for task views, so rows skip re-rendering when a snapshot leaves them unchanged.
// Snapshots arrive structured-cloned over IPC, so object identity says nothing; comparing fields does.
import type { TaskView } from '../../shared/snapshot';

function sameShallow<T extends object>(a: T | undefined, b: T | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a) as (keyof T)[];
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
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
    a.unseen !== b.unseen
  ) {
    return false;
  }
  if (!sameShallow(a.lastError, b.lastError) || !sameShallow(a.download, b.download)) return false;
  if (a.jobs.length !== b.jobs.length) return false;
  return a.jobs.every((job, i) => sameShallow(job, b.jobs[i]));
}
