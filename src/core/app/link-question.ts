// The question asked before a rodin-tray:// link adds anything: how many tasks, and which (by label).
import type { Confirmation } from './types';

const SHOWN_LABELS = 10;

export function linkQuestion(labels: readonly string[]): Confirmation {
  const n = labels.length;
  const shown = labels.slice(0, SHOWN_LABELS).map((label) => `• ${label}`);
  if (n > SHOWN_LABELS) shown.push(`• and ${n - SHOWN_LABELS} more`);
  return {
    message: `Add ${n} task${n === 1 ? '' : 's'} from a link?`,
    detail:
      `A link (from a web page or another program) asks Rodin Tray to watch:\n${shown.join('\n')}\n\n` +
      'Add them only if you started these generations yourself.',
    confirmLabel: n === 1 ? 'Add task' : `Add ${n} tasks`,
  };
}
