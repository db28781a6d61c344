// Decides what the polite live region says when tasks finish between two snapshots.
import type { AppSnapshot } from '../../shared/snapshot';

export function finishAnnouncements(previous: AppSnapshot | undefined, next: AppSnapshot): string[] {
  if (!previous) return [];
  const before = new Map(previous.tasks.map((t) => [t.id, t.state]));
  const lines: string[] = [];
  for (const task of next.tasks) {
    const was = before.get(task.id);
    if (was === undefined || was === task.state) continue;
    if (was === 'done' || was === 'failed' || was === 'canceled') continue;
    if (task.state === 'done') lines.push(`${task.label} is done.`);
    else if (task.state === 'failed')
      lines.push(`${task.label} failed${task.lastError ? `: ${task.lastError.message}` : '.'}`);
    else if (task.state === 'canceled') lines.push(`${task.label} was canceled.`);
  }
  return lines;
}
