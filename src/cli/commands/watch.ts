// `rodin-jobs watch`: resolve inputs, key and base URL, pick the reporter for this terminal, run the watcher.
import { resolve } from 'node:path';
import { systemClock } from '../../core/clock';
import { createCliClient, resolveApiKey, resolveBaseUrl } from '../connection';
import { parseDuration } from '../duration';
import { collectTaskInputs } from '../task-inputs';
import { EXIT, usageError, type ExitCode } from '../exit-codes';
import { useColor, writeLine, type CliIo } from '../io';
import { createJsonReporter, createPlainReporter, createTtyReporter } from '../watch/reporters';
import { runWatch, type WatchResult } from '../watch/run-watch';
import type { LiveViewModel } from '../watch/live-view';
import type { TaskInput } from '../../core/tasks/task';
import type { DurationModel } from '../../core/scheduler/duration-model';

export interface WatchCommandOptions {
  key?: string[];
  task?: string[];
  download?: string;
  baseUrl?: string;
  timeout?: string;
  output?: string;
}

/** setTimeout cannot wait longer than this (about 24.8 days). */
const MAX_TIMEOUT_MS = 2_147_483_647;

export type OutputMode = 'json' | 'human';

export function parseOutput(value: string | undefined): OutputMode {
  if (value === undefined || value === 'human' || value === 'text') return 'human';
  if (value === 'json') return 'json';
  throw usageError(`--output "${value}" is not known: use --output json (or leave it out for readable text).`);
}

/** --timeout in milliseconds, or undefined for "watch until every task ends". */
export function parseWatchTimeout(value: string | undefined): number | undefined {
  const timeoutMs = value !== undefined ? parseDuration(value) : undefined;
  if (timeoutMs !== undefined && timeoutMs > MAX_TIMEOUT_MS) throw usageError('--timeout can be at most 24 days.');
  return timeoutMs;
}

export async function watchCommand(inputs: string[], opts: WatchCommandOptions, io: CliIo): Promise<ExitCode> {
  const output = parseOutput(opts.output);
  const timeoutMs = parseWatchTimeout(opts.timeout);
  const baseUrl = resolveBaseUrl(opts.baseUrl, io.env);
  const tasks = await collectTaskInputs({ inputs, keys: opts.key ?? [], tasks: opts.task ?? [], stdin: io.stdin });
  if (tasks.length === 0) {
    throw usageError(
      'Nothing to watch: give a subscription key, a generation response (JSON or a file), `-` for stdin, or --key.',
    );
  }
  const unknownUuid = tasks.filter((t) => !t.taskUuid).length;
  if (opts.download !== undefined && unknownUuid > 0) {
    // Said up front rather than after a long wait: without the task UUID, Rodin cannot list the result files.
    writeLine(
      io.stderr,
      `Note: ${unknownUuid} task${unknownUuid === 1 ? ' has' : 's have'} no task UUID, so ${unknownUuid === 1 ? 'its' : 'their'} results cannot be downloaded; pass the generation response, or --key with --task.`,
    );
  }
  const apiKey = await resolveApiKey(io.env);
  return watchUntilDone({
    io,
    output,
    tasks,
    client: createCliClient(baseUrl, apiKey),
    download: opts.download,
    timeoutMs,
  });
}

/** Watches to the end and returns the exit code; in JSON mode the reason for a failure still goes to stderr. */
export async function watchUntilDone(options: {
  io: CliIo;
  output: OutputMode;
  tasks: readonly TaskInput[];
  client: ReturnType<typeof createCliClient>;
  download: string | undefined;
  timeoutMs: number | undefined;
}): Promise<ExitCode> {
  const { io, output, download, timeoutMs } = options;
  const result = await watchTasks({
    io,
    output,
    tasks: options.tasks,
    client: options.client,
    ...(download !== undefined ? { downloadDir: resolve(download) } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  // JSON mode keeps stdout for events; people (and CI logs) still get the reason for a failure on stderr.
  if (output === 'json' && result.exitCode !== EXIT.ok) writeLine(io.stderr, `rodin-jobs: ${result.reason}`);
  return result.exitCode;
}

/** Shared with `demo`: the same watcher and reporters, whoever supplies the client. */
export function watchTasks(options: {
  io: CliIo;
  output: OutputMode;
  tasks: readonly TaskInput[];
  client: ReturnType<typeof createCliClient>;
  downloadDir?: string;
  timeoutMs?: number;
  durationModel?: DurationModel;
  failuresExpected?: boolean;
}): Promise<WatchResult> {
  const { io } = options;
  const now = () => systemClock.now();
  const reporter = (model: () => LiveViewModel) => {
    if (options.output === 'json') return createJsonReporter(io.stdout, now);
    if (io.stdout.isTTY) return createTtyReporter(io.stdout, model, { color: useColor(io.stdout, io.env) });
    return createPlainReporter(io.stdout, now);
  };
  return runWatch({
    client: options.client,
    fetch: globalThis.fetch,
    clock: systemClock,
    inputs: options.tasks,
    reporter,
    ...(options.downloadDir !== undefined ? { downloadDir: options.downloadDir } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.durationModel ? { durationModel: options.durationModel } : {}),
    ...(options.failuresExpected ? { failuresExpected: true } : {}),
  });
}
