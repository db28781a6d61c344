// Adding tasks to the watch list: from pasted text, or from a rodin-tray:// link (which asks the user first), never
// past the cap on unfinished tasks.
import { parseTaskInput, parseTaskLink } from '../input/parse-task-input';
import { defaultLabel, type TaskInput } from '../tasks/task';
import { taskIdOf } from '../tasks/task-id';
import type { TaskTracker } from '../tasks/task-tracker';
import type { AddTasksResult } from '../../shared/ipc';
import { linkQuestion } from './link-question';
import type { Platform } from './types';

export interface TaskIntake {
  /** Pasted, typed or dropped text: responses, subscription keys, task UUIDs. */
  addText(text: string): AddTasksResult;
  /** A rodin-tray://add link: tasks not watched yet are added only if the user says yes to a native question. */
  addFromLink(url: string): Promise<AddTasksResult>;
}

export function createTaskIntake(deps: {
  tracker: TaskTracker;
  maxActiveTasks: () => number;
  platform: Pick<Platform, 'confirm'>;
}): TaskIntake {
  const { tracker } = deps;

  /** Adds what is new, up to the active-task cap; what the cap keeps out is said in `rejected`. */
  function addInputs(inputs: readonly TaskInput[], rejected: string[]): AddTasksResult {
    const added: { id: string; label: string }[] = [];
    const duplicates: { id: string; label: string }[] = [];
    const limit = deps.maxActiveTasks();
    let active = tracker.active().length;
    let capped = 0;
    for (const input of inputs) {
      if (!tracker.get(input.subscriptionKey) && active >= limit) {
        capped++;
        continue;
      }
      const result = tracker.add(input);
      if (result.added) active++;
      const entry = { id: taskIdOf(result.task.subscriptionKey), label: result.task.label };
      (result.added ? added : duplicates).push(entry);
    }
    if (capped > 0) {
      rejected = [
        ...rejected,
        `${capped} task${capped === 1 ? ' was' : 's were'} not added: already watching ${limit} unfinished tasks, the most allowed (Settings → Checking).`,
      ];
    }
    return { added, duplicates, rejected };
  }

  return {
    addText(text) {
      const parsed = parseTaskInput(text);
      return addInputs(parsed.tasks, parsed.rejected);
    },

    async addFromLink(url) {
      const parsed = parseTaskLink(url);
      const fresh = parsed.tasks.filter((input) => !tracker.get(input.subscriptionKey));
      if (fresh.length === 0) return addInputs(parsed.tasks, parsed.rejected);
      const labels = fresh.map((input) => input.label ?? defaultLabel(input));
      if (!(await deps.platform.confirm(linkQuestion(labels)))) {
        return { added: [], duplicates: [], rejected: ['You chose not to add the tasks from the link.'] };
      }
      return addInputs(
        parsed.tasks.map((input) => ({ ...input, fromLink: true })),
        parsed.rejected,
      );
    },
  };
}
