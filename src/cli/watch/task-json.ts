// A task as plain JSON for --output json: everything a script needs, never the subscription key itself.
import { taskIdOf } from '../../core/tasks/task-id';
import { jobsDone, queuePosition, type Task } from '../../core/tasks/task';
import { keyHint } from '../../core/secrets/api-key';

export interface TaskJson {
  id: string;
  label: string;
  taskUuid?: string;
  keyHint: string;
  state: Task['state'];
  jobsDone: number;
  jobsTotal: number;
  queuePosition?: number;
  jobs: { uuid: string; status: string; queueLength?: number }[];
  addedAt: string;
  finishedAt?: string;
  alreadyFinished?: boolean;
  lastError?: { code: string; message: string; at: string };
  download?: {
    status: string;
    folder?: string;
    files?: string[];
    error?: string;
    refused?: { name: string; reason: string }[];
    refusedCount?: number;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function taskJson(task: Task): TaskJson {
  return {
    id: taskIdOf(task.subscriptionKey),
    label: task.label,
    ...(task.taskUuid ? { taskUuid: task.taskUuid } : {}),
    keyHint: keyHint(task.subscriptionKey),
    state: task.state,
    jobsDone: jobsDone(task.jobs),
    jobsTotal: task.jobs.length,
    ...(queuePosition(task.jobs) !== undefined ? { queuePosition: queuePosition(task.jobs) } : {}),
    jobs: task.jobs.map((j) => ({
      uuid: j.uuid,
      status: j.status,
      ...(j.queueLength !== undefined ? { queueLength: j.queueLength } : {}),
    })),
    addedAt: iso(task.addedAt),
    ...(task.finishedAt !== undefined ? { finishedAt: iso(task.finishedAt) } : {}),
    ...(task.finishedWhenAdded ? { alreadyFinished: true } : {}),
    ...(task.lastError
      ? { lastError: { code: task.lastError.code, message: task.lastError.message, at: iso(task.lastError.at) } }
      : {}),
    ...(task.download
      ? {
          download: {
            status: task.download.status,
            ...(task.download.folder ? { folder: task.download.folder } : {}),
            ...(task.download.files ? { files: task.download.files } : {}),
            ...(task.download.error ? { error: task.download.error } : {}),
            ...(task.download.refused ? { refused: task.download.refused } : {}),
            ...(task.download.refusedCount ? { refusedCount: task.download.refusedCount } : {}),
          },
        }
      : {}),
  };
}
