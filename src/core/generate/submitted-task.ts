// What a submitted generation becomes: the task to watch (label from the prompt or first image, tier known so the
// scheduler can use it) and the JSON the CLI prints, in the generation-response form `watch` and the app accept.
import { MAX_LABEL_CHARS } from '../input/parse-task-input';
import type { GenerationSubmitted } from '../rodin/types';
import type { TaskInput } from '../tasks/task';
import type { GenerationParams } from '../../shared/generation';

/** The prompt's first line, else the first image's name, else a plain word; short enough for a list row. */
export function generationLabel(params: Pick<GenerationParams, 'prompt' | 'images'>): string {
  const prompt = params.prompt?.trim().split('\n')[0]?.trim();
  const text = prompt || params.images?.[0]?.name.trim() || 'Generation';
  return text.length > MAX_LABEL_CHARS ? `${text.slice(0, MAX_LABEL_CHARS - 1)}…` : text;
}

export function submittedTaskInput(params: GenerationParams, submitted: GenerationSubmitted): TaskInput {
  return {
    subscriptionKey: submitted.subscriptionKey,
    taskUuid: submitted.taskUuid,
    label: generationLabel(params),
    ...(params.tier ? { tier: params.tier } : {}),
  };
}

/** The service's own response shape, plus the label and tier it does not echo, so a later paste keeps them. */
export function submittedTaskJson(params: GenerationParams, submitted: GenerationSubmitted): Record<string, unknown> {
  return {
    uuid: submitted.taskUuid,
    jobs: { uuids: submitted.jobUuids, subscription_key: submitted.subscriptionKey },
    label: generationLabel(params),
    ...(params.tier ? { tier: params.tier } : {}),
  };
}
