// How a watch run ends: the exit code and the one sentence said for it, decided from the tasks alone.
import type { Task } from '../../core/tasks/task';
import { refusedNote } from '../../core/download/download-summary';
import { formatDuration } from '../../shared/format-duration';
import { outcomeOf, stateWord } from '../../shared/task-states';
import { EXIT, type ExitCode } from '../exit-codes';

export interface WatchVerdict {
  exitCode: ExitCode;
  reason: string;
}

/** Every task finished and every download settled: did the run succeed, and what is said about it. */
export function completionVerdict(
  all: readonly Task[],
  options: { failuresExpected?: boolean; downloadDir?: string },
): WatchVerdict {
  const bad = all.filter((t) => outcomeOf(t.state) === 'failure');
  const badDownloads = all.filter((t) => t.download?.status === 'failed');
  if (bad.length > 0 && !options.failuresExpected) {
    const what = bad.map((t) => `${t.label} (${stateWord(t.state).toLowerCase()})`).join(', ');
    return {
      exitCode: EXIT.taskFailed,
      reason: `${bad.length} of ${all.length} task${all.length === 1 ? '' : 's'} did not succeed: ${what}.`,
    };
  }
  if (badDownloads.length > 0) {
    return {
      exitCode: EXIT.taskFailed,
      reason: `All tasks done, but ${badDownloads.length} download${badDownloads.length === 1 ? '' : 's'} failed.`,
    };
  }
  if (bad.length > 0) {
    const done = all.length - bad.length;
    return {
      exitCode: EXIT.ok,
      reason: `All ${all.length} tasks finished as scripted: ${done} done, ${bad.length} failed on purpose.`,
    };
  }
  const saved = options.downloadDir ? `; results saved in ${options.downloadDir}` : '';
  // Refused entries alone do not fail the run: every safe file was saved. They are said, not hidden.
  const warnings = all.flatMap((t) => {
    const note = t.download ? refusedNote(t.download) : undefined;
    return note ? [`${t.label}: ${note}`] : [];
  });
  const warning = warnings.length ? ` Warning: ${warnings.join('; ')}.` : '';
  return { exitCode: EXIT.ok, reason: `All ${all.length} task${all.length === 1 ? '' : 's'} done${saved}.${warning}` };
}

/** The --timeout ran out: an unreachable service is said as such, else how many tasks were still unfinished. */
export function timeoutVerdict(run: {
  timeoutMs: number;
  tasks: readonly Task[];
  openCount: number;
  /** No status answer ever came back, or the service is unreachable now. */
  unreachable: boolean;
}): WatchVerdict {
  const limit = formatDuration(run.timeoutMs);
  const open = run.openCount;
  return {
    exitCode: EXIT.timeout,
    reason:
      run.unreachable && run.tasks.some((t) => t.lastError)
        ? `The Rodin service stayed unreachable for the whole --timeout (${limit}).`
        : `Gave up after --timeout ${limit}: ${open} task${open === 1 ? '' : 's'} still unfinished.`,
  };
}
