// The shape a stored task must have to be loaded back; unknown fields and job statuses pass through untouched.
import { z } from 'zod';
import type { Task } from '../../core/tasks/task';
import { TASK_STATE_NAMES } from '../../shared/task-states';

const jobSchema = z.looseObject({
  uuid: z.string(),
  status: z.string(),
  queueLength: z.number().optional(),
});

const taskErrorSchema = z.looseObject({ code: z.string(), message: z.string(), at: z.number() });

const downloadSchema = z.looseObject({
  status: z.enum(['pending', 'downloading', 'done', 'failed']),
  folder: z.string().optional(),
  files: z.array(z.string()).optional(),
  receivedBytes: z.number().optional(),
  totalBytes: z.number().optional(),
  previewFile: z.string().optional(),
  error: z.string().optional(),
  finishedAt: z.number().optional(),
});

export const storedTaskSchema = z.looseObject({
  subscriptionKey: z.string().min(1),
  taskUuid: z.string().optional(),
  label: z.string(),
  tier: z.string().optional(),
  jobs: z.array(jobSchema),
  state: z.enum(TASK_STATE_NAMES),
  addedAt: z.number(),
  submittedAt: z.number().optional(),
  generatingSince: z.number().optional(),
  finishedAt: z.number().optional(),
  lastPolledAt: z.number().optional(),
  lastError: taskErrorSchema.optional(),
  notified: z.boolean(),
  finishedWhenAdded: z.boolean().optional(),
  unseen: z.boolean().optional(),
  download: downloadSchema.optional(),
});

/** Each task on its own: one bad entry must not cost the user every other task. */
export function parseStoredTasks(value: unknown): { tasks: Task[]; invalid: number } {
  if (!Array.isArray(value)) return { tasks: [], invalid: value === undefined ? 0 : 1 };
  const tasks: Task[] = [];
  let invalid = 0;
  for (const entry of value) {
    const parsed = storedTaskSchema.safeParse(entry);
    if (parsed.success) tasks.push(parsed.data);
    else invalid += 1;
  }
  return { tasks, invalid };
}
