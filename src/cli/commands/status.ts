// `rodin-jobs status`: one status call per task, then each job and the derived state (text or one JSON document).
import { systemClock } from '../../core/clock';
import { describeError } from '../../core/rodin/describe-error';
import { AuthError, RodinError } from '../../core/rodin/errors';
import { createTaskTracker } from '../../core/tasks/task-tracker';
import type { Task } from '../../core/tasks/task';
import { createCliClient, resolveApiKey, resolveBaseUrl } from '../connection';
import { collectTaskInputs } from '../task-inputs';
import { CliError, EXIT, usageError, type ExitCode } from '../exit-codes';
import { useColor, writeLine, type CliIo } from '../io';
import { parseOutput } from './watch';
import { taskJson } from '../watch/task-json';
import { outcomeOf, stateWord } from '../../shared/task-states';
import { progressText } from '../watch/task-summary';

export interface StatusCommandOptions {
  key?: string[];
  task?: string[];
  baseUrl?: string;
  output?: string;
}

const JOB_ICON: Record<string, string> = { Waiting: '○', Generating: '◐', Done: '✔', Failed: '✖', Canceled: '⊘' };

export async function statusCommand(inputs: string[], opts: StatusCommandOptions, io: CliIo): Promise<ExitCode> {
  const output = parseOutput(opts.output);
  const baseUrl = resolveBaseUrl(opts.baseUrl, io.env);
  const inputsFound = await collectTaskInputs({
    inputs,
    keys: opts.key ?? [],
    tasks: opts.task ?? [],
    stdin: io.stdin,
  });
  if (inputsFound.length === 0)
    throw usageError('Nothing to check: give a subscription key, a generation response, a file, `-` or --key.');
  const client = createCliClient(baseUrl, await resolveApiKey(io.env));
  const tracker = createTaskTracker({ clock: systemClock });
  for (const input of inputsFound) tracker.add(input);
  const tasks = [...tracker.list()].reverse();

  let failures = 0;
  for (const task of tasks) {
    try {
      tracker.applyStatus(task.subscriptionKey, await client.status(task.subscriptionKey));
    } catch (error) {
      // One 401 says it all: asking again for the other tasks would only repeat it.
      if (error instanceof AuthError)
        throw new CliError(describeError(error), EXIT.keyRejected, 'Check RODIN_API_KEY or run `rodin-jobs key set`.');
      failures += 1;
      tracker.recordError(task.subscriptionKey, {
        code: error instanceof RodinError ? error.code : 'UNKNOWN',
        message: describeError(error, { willRetry: false }),
        at: systemClock.now(),
      });
      if (error instanceof RodinError && error.kind === 'transient' && failures === tasks.length) {
        printResults(tracker.list(), output, io);
        throw new CliError(describeError(error, { willRetry: false }), EXIT.timeout);
      }
    }
  }

  printResults(tracker.list(), output, io);
  const bad = tracker.list().some((t) => outcomeOf(t.state) === 'failure' || t.lastError);
  return bad ? EXIT.taskFailed : EXIT.ok;
}

/** `list` is the tracker's (newest first); people read oldest first. */
function printResults(list: readonly Task[], output: 'json' | 'human', io: CliIo): void {
  const tasks = [...list].reverse();
  if (output === 'json') {
    writeLine(io.stdout, JSON.stringify({ tasks: tasks.map(taskJson) }));
    return;
  }
  const color = useColor(io.stdout, io.env);
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const dim = (s: string) => (color ? `\x1b[2m${s}\x1b[0m` : s);
  for (const task of tasks) {
    const progress = progressText(task);
    const uuid = task.taskUuid ? dim(` task ${task.taskUuid}`) : '';
    writeLine(io.stdout, `${bold(task.label)}${uuid}`);
    if (task.lastError) {
      writeLine(io.stdout, `  could not check: ${task.lastError.message}`);
    } else {
      writeLine(io.stdout, `  state: ${stateWord(task.state)}${progress ? ` · ${progress}` : ''}`);
      if (task.jobs.length === 0) writeLine(io.stdout, '  (the service listed no jobs yet)');
      for (const job of task.jobs) {
        const queue = job.queueLength !== undefined ? ` (queue ${job.queueLength})` : '';
        writeLine(
          io.stdout,
          `  ${JOB_ICON[job.status] ?? '?'} ${job.status.padEnd(10)} ${dim(`job ${job.uuid}`)}${queue}`,
        );
      }
    }
  }
}
