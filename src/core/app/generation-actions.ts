// New generations from the window: spend credits at most once per confirmed submission, add the new task to the
// list, remember the form's choices, and hold what the tray's "New generation from clipboard" found for the form.
import { submittedTaskInput } from '../generate/submitted-task';
import { taskIdOf } from '../tasks/task-id';
import type { TaskTracker } from '../tasks/task-tracker';
import {
  GEOMETRY_FORMATS,
  MATERIALS,
  MAX_IMAGE_BYTES,
  MAX_PROMPT_CHARS,
  TIERS,
  sniffImageType,
  type GenerationParams,
} from '../../shared/generation';
import type { GenerationDraft, GenerationSubmitRequest } from '../../shared/ipc';
import type { Settings } from '../../shared/settings';
import type { TaskView } from '../../shared/snapshot';
import { AppError } from './app-error';
import type { KeyActions } from './key-actions';
import type { RodinConnection } from './rodin-connection';
import type { SettingsActions } from './settings-actions';

/** What the OS clipboard held when the tray item was chosen: its text, and the bytes of its image if any. */
export interface ClipboardContent {
  text: string;
  image?: Uint8Array;
  /** There was an image, too large to take (its bytes were not read). */
  imageTooLarge?: boolean;
}

export interface GenerationActions {
  submit(request: GenerationSubmitRequest): Promise<Pick<TaskView, 'id' | 'label'>>;
  /** Keeps a draft from the clipboard for the form to take; returns a sentence when there is nothing to use. */
  draftFromClipboard(clip: ClipboardContent): string | undefined;
  takeDraft(): GenerationDraft | null;
}

/** Attempt ids remembered, so a repeated message (a double click that slipped through) is refused, not charged. */
const REMEMBERED_ATTEMPTS = 200;

export function createGenerationActions(deps: {
  tracker: Pick<TaskTracker, 'add'>;
  connection: Pick<RodinConnection, 'client'>;
  keys: Pick<KeyActions, 'getApiKey' | 'refreshBalance'>;
  settings: Pick<SettingsActions, 'update'>;
}): GenerationActions {
  const { tracker, connection, keys } = deps;
  const attempts = new Set<string>();
  let inFlight = false;
  let draft: GenerationDraft | null = null;

  function remember(attemptId: string): void {
    attempts.add(attemptId);
    if (attempts.size > REMEMBERED_ATTEMPTS) attempts.delete(attempts.values().next().value!);
  }

  function rememberChoices(params: GenerationParams): void {
    const patch: Partial<Settings> = {};
    const tier = TIERS.find((t) => t === params.tier);
    const format = GEOMETRY_FORMATS.find((f) => f === params.geometryFileFormat);
    const material = MATERIALS.find((m) => m === params.material);
    if (tier) patch.generationTier = tier;
    if (format) patch.generationFormat = format;
    if (material) patch.generationMaterial = material;
    deps.settings.update(patch);
  }

  return {
    async submit({ attemptId, params }) {
      if (!keys.getApiKey()) throw new AppError('NO_KEY', 'Set your Rodin API key first.');
      if (inFlight) {
        throw new AppError('BUSY', 'A generation is already on its way to Rodin; wait for its answer.');
      }
      if (attempts.has(attemptId)) {
        throw new AppError('ALREADY_SUBMITTED', 'This generation was already submitted; it was not sent again.');
      }
      inFlight = true;
      remember(attemptId);
      try {
        // Exactly one attempt: the client never retries a generation, and neither does anything here.
        const submitted = await connection.client().generate(params);
        const { task } = tracker.add(submittedTaskInput(params, submitted));
        rememberChoices(params);
        return { id: taskIdOf(task.subscriptionKey), label: task.label };
      } finally {
        inFlight = false;
        // Whatever happened, the balance shows what was spent (and hints at the outcome when there was no answer).
        void keys.refreshBalance().catch(() => undefined);
      }
    },

    draftFromClipboard(clip) {
      const notes: string[] = [];
      const images = [];
      const type = clip.image ? sniffImageType(clip.image) : undefined;
      if (clip.imageTooLarge || (clip.image && clip.image.byteLength > MAX_IMAGE_BYTES)) {
        notes.push(
          `The image on the clipboard is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB, so it was left out.`,
        );
      } else if (clip.image && type) {
        images.push({ name: `clipboard.${type.slice('image/'.length)}`, type, data: clip.image });
      }
      let prompt = clip.text.trim();
      if (prompt.length > MAX_PROMPT_CHARS) {
        prompt = prompt.slice(0, MAX_PROMPT_CHARS);
        notes.push(`The clipboard text was cut to the prompt's ${MAX_PROMPT_CHARS} characters.`);
      }
      if (!prompt && images.length === 0) {
        draft = null;
        return notes[0] ?? 'The clipboard holds no text or image to start a generation from.';
      }
      draft = { ...(prompt ? { prompt } : {}), images, ...(notes.length ? { note: notes.join(' ') } : {}) };
      return undefined;
    },

    takeDraft() {
      const taken = draft;
      draft = null;
      return taken;
    },
  };
}
