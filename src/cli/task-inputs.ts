// Turns the command line's INPUTs (key, generation-response JSON, file path, `-`) and --key/--task pairs into tasks.
import { readFile, stat } from 'node:fs/promises';
import { parseTaskInput } from '../core/input/parse-task-input';
import { keyHint } from '../core/secrets/api-key';
import type { TaskInput } from '../core/tasks/task';
import { usageError } from './exit-codes';

/** Generation responses are small; anything this large is not what the user meant to pass. */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export interface TaskInputSources {
  inputs: readonly string[];
  keys?: readonly string[];
  tasks?: readonly string[];
  stdin: NodeJS.ReadableStream;
}

export async function collectTaskInputs(sources: TaskInputSources): Promise<TaskInput[]> {
  const found: TaskInput[] = [];
  if (sources.inputs.filter((i) => i === '-').length > 1)
    throw usageError('`-` (standard input) can be given only once.');
  for (const [index, input] of sources.inputs.entries()) {
    const { text, name } = await readInput(input, index, sources.stdin);
    const { tasks, rejected } = parseTaskInput(text);
    if (tasks.length === 0) {
      const why = rejected.length > 0 ? rejected.join('; ') : 'no subscription key or generation response found';
      throw usageError(`${name} holds no Rodin task — ${why.charAt(0).toLowerCase()}${why.slice(1)}`);
    }
    found.push(...tasks);
  }
  found.push(...pairKeysWithTasks(sources.keys ?? [], sources.tasks ?? []));
  return dedupe(found);
}

async function readInput(input: string, index: number, stdin: NodeJS.ReadableStream) {
  if (input === '-') return { text: await readAll(stdin, 'Standard input'), name: 'Standard input' };
  const info = await stat(input).catch(() => undefined);
  if (info?.isDirectory()) throw usageError(`"${input}" is a folder; give a file holding a generation response.`);
  if (info?.isFile()) {
    if (info.size > MAX_INPUT_BYTES) throw usageError(`File "${input}" is too large to be a generation response.`);
    return { text: await readFile(input, 'utf8'), name: `File "${input}"` };
  }
  // Never echo an argument: it might be a secret pasted into the wrong place. Its last characters identify it.
  const looksLikePath = /[\\/]|\.json$/i.test(input) && !input.trim().startsWith('{');
  const name = looksLikePath
    ? `Argument ${index + 1} (no such file: "${input}"; not a subscription key either)`
    : keyHint(input) === '…'
      ? `Argument ${index + 1}`
      : `Argument ${index + 1} ("${keyHint(input)}")`;
  return { text: input, name };
}

function pairKeysWithTasks(keys: readonly string[], tasks: readonly string[]): TaskInput[] {
  if (tasks.length > 0 && tasks.length !== keys.length) {
    throw usageError(`Give exactly one --task per --key (got ${keys.length} --key and ${tasks.length} --task).`);
  }
  return keys.map((key, i) => {
    const parsed = parseTaskInput(key).tasks;
    const first = parsed[0];
    if (parsed.length !== 1 || !first) {
      throw usageError(
        `--key number ${i + 1} ("${keyHint(key)}") is not a subscription key (expected a JWT starting with eyJ).`,
      );
    }
    const taskUuid = tasks[i]?.trim();
    if (taskUuid !== undefined && !/^[A-Za-z0-9-]{8,64}$/.test(taskUuid)) {
      throw usageError(`--task number ${i + 1} is not a task UUID.`);
    }
    return { ...first, ...(taskUuid ? { taskUuid } : {}) };
  });
}

function dedupe(tasks: TaskInput[]): TaskInput[] {
  const byKey = new Map<string, TaskInput>();
  for (const t of tasks) byKey.set(t.subscriptionKey, { ...byKey.get(t.subscriptionKey), ...t });
  return [...byKey.values()];
}

export async function readAll(stream: NodeJS.ReadableStream, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw usageError(`${name} is too large to be a generation response.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
