// Runtime schemas for every IPC request: the window is untrusted input, so each payload is checked before use.
import { z } from 'zod';
import { settingsPatchSchema } from '../../shared/settings';
import type { IpcChannel } from '../../shared/ipc';

/** Channels without a request accept nothing (undefined, or null after some serialisers). */
const none = z.union([z.undefined(), z.null()]);
/** A task id is taskIdOf(subscriptionKey): 16 hex characters. */
const taskId = z.string().regex(/^[0-9a-f]{16}$/, 'expected a task id');
const byId = z.object({ id: taskId }).strict();

export const MAX_LABEL_LENGTH = 120;

export const ipcSchemas = {
  'app:get-snapshot': none,
  'tasks:add-text': z.object({ text: z.string().max(10 * 1024 * 1024) }).strict(),
  'tasks:remove': byId,
  'tasks:undo-remove': byId,
  'tasks:rename': z
    .object({
      id: taskId,
      label: z
        .string()
        .trim()
        .min(1, 'the name cannot be empty')
        .max(MAX_LABEL_LENGTH, `the name can be at most ${MAX_LABEL_LENGTH} characters`),
    })
    .strict(),
  'tasks:retry-now': byId,
  'tasks:download': byId,
  'tasks:open-folder': byId,
  'tasks:copy': z.object({ id: taskId, what: z.enum(['subscription-key', 'task-uuid', 'model-path']) }).strict(),
  'tasks:open-model': byId,
  'tasks:show-model': byId,
  'tasks:drag-model': byId,
  'tasks:mark-seen': z.object({ ids: z.array(taskId).max(10_000) }).strict(),
  'polling:pause': none,
  'polling:resume': none,
  'polling:check-now': none,
  'key:set': z.object({ key: z.string().max(4096) }).strict(),
  'key:clear': none,
  'balance:refresh': none,
  'settings:update': settingsPatchSchema,
  'settings:choose-download-folder': none,
  'notifications:pause': z
    .object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
    })
    .strict(),
  'notifications:resume': none,
  'demo:start': none,
  'window:hide': none,
} satisfies Record<IpcChannel, z.ZodType>;
