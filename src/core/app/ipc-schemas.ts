// Runtime schemas for every IPC request: the window is untrusted input, so each payload is checked before use.
import { z } from 'zod';
import { settingsPatchSchema } from '../../shared/settings';
import type { IpcChannel } from '../../shared/ipc';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_IMAGES, MAX_PROMPT_CHARS } from '../../shared/generation';

/** Channels without a request accept nothing (undefined, or null after some serialisers). */
const none = z.union([z.undefined(), z.null()]);
/** A task id is taskIdOf(subscriptionKey): 16 hex characters. */
const taskId = z.string().regex(/^[0-9a-f]{16}$/, 'expected a task id');
const byId = z.object({ id: taskId }).strict();

export const MAX_LABEL_LENGTH = 120;

/** Image bytes from the window: the size is bounded here, the content is sniffed before anything is sent. */
const generationImage = z
  .object({
    name: z.string().max(255),
    type: z.enum(IMAGE_TYPES),
    data: z
      .instanceof(Uint8Array)
      .refine((data) => data.byteLength <= MAX_IMAGE_BYTES, `an image can be at most ${MAX_IMAGE_BYTES} bytes`),
  })
  .strict();
const choice = z.string().max(64).optional();

const generationParams = z
  .object({
    prompt: z
      .string()
      .max(MAX_PROMPT_CHARS * 4)
      .optional(),
    images: z.array(generationImage).max(MAX_IMAGES).optional(),
    tier: choice,
    geometryFileFormat: choice,
    material: choice,
    quality: choice,
    qualityOverride: z.number().optional(),
    meshMode: choice,
    seed: z.number().optional(),
    conditionMode: choice,
    TAPose: z.boolean().optional(),
    useOriginalAlpha: z.boolean().optional(),
    previewRender: z.boolean().optional(),
    bboxCondition: z.array(z.number()).max(3).optional(),
    addons: z.array(z.string().max(64)).max(4).optional(),
  })
  .strict();

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
  'generation:submit': z
    .object({ attemptId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'expected an attempt id'), params: generationParams })
    .strict(),
  'generation:take-draft': none,
} satisfies Record<IpcChannel, z.ZodType>;
