// One sentence about a task's download for every front end: "3 files saved, 1 refused: not an https link".
import type { TaskDownload } from '../tasks/task';

/** Refused entries kept on a task (the count says how many there were). */
export const MAX_REFUSED_KEPT = 20;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "1 refused: not an https link, listed twice", or undefined when nothing was refused. */
export function refusedNote(download: TaskDownload): string | undefined {
  const count = download.refusedCount ?? download.refused?.length ?? 0;
  if (count === 0) return undefined;
  const reasons = [...new Set((download.refused ?? []).map((r) => r.reason))];
  return `${count} refused${reasons.length ? `: ${reasons.join(', ')}` : ''}`;
}

/** A finished download in a few words: "3 files saved" or "3 files saved, 1 refused: not an https link". */
export function downloadNote(download: TaskDownload): string | undefined {
  if (download.status !== 'done' && download.status !== 'failed') return undefined;
  const saved = download.files?.length;
  const refused = refusedNote(download);
  if (download.status === 'failed') return refused;
  const savedText = saved === undefined ? undefined : `${plural(saved, 'file')} saved`;
  return [savedText, refused].filter(Boolean).join(', ') || undefined;
}
