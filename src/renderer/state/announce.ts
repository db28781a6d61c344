// Decides what the polite live region says when tasks finish between two snapshots.
import type { AppSnapshot } from '../../shared/snapshot';
import { isFinished, TASK_STATES } from '../../shared/task-states';

export function finishAnnouncements(previous: AppSnapshot | undefined, next: AppSnapshot): string[] {
  if (!previous) return [];
  const before = new Map(previous.tasks.map((t) => [t.id, t.state]));
  const lines: string[] = [];
  for (const task of next.tasks) {
    const was = before.get(task.id);
    if (was === undefined || was === task.state || isFinished(was) || !isFinished(task.state)) continue;
    const reason = TASK_STATES[task.state].outcome === 'failure' ? task.lastError?.message : undefined;
    lines.push(`${task.label} ${TASK_STATES[task.state].news}${reason ? `: ${reason}` : '.'}`);
  }
  return lines;
}
