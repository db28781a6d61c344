// `rodin-jobs generate`: checks the request, shows what it costs, asks before spending (unless --yes), submits once,
// prints the task as a generation-response line `watch` accepts, and can watch (and download) it to the end.
import { OutcomeUnknownError } from '../../core/rodin/errors';
import { submittedTaskInput, submittedTaskJson, generationLabel } from '../../core/generate/submitted-task';
import { checkGenerationParams } from '../../shared/check-generation';
import { formatCredits } from '../../shared/format-credits';
import { estimateGenerationCost, type GenerationParams } from '../../shared/generation';
import { confirm } from '../confirm';
import { createCliClient, resolveApiKey, resolveBaseUrl } from '../connection';
import { CliError, EXIT, usageError, type ExitCode } from '../exit-codes';
import { writeLine, type CliIo } from '../io';
import { readImages } from '../read-images';
import { parseOutput, parseWatchTimeout, watchUntilDone } from './watch';

export interface GenerateCommandOptions {
  prompt?: string;
  image?: string[];
  tier?: string;
  format?: string;
  material?: string;
  quality?: string;
  faces?: string;
  meshMode?: string;
  seed?: string;
  highpack?: boolean;
  yes?: boolean;
  watch?: boolean;
  download?: string;
  timeout?: string;
  baseUrl?: string;
  output?: string;
}

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw usageError(`${flag} "${value}" is not a whole number.`);
  return Number(value);
}

function summary(params: GenerationParams): string {
  const parts = [
    params.tier ?? 'Regular (the service default)',
    params.geometryFileFormat ?? 'glb',
    params.material ?? 'PBR',
    ...(params.quality ? [`quality ${params.quality}`] : []),
    ...(params.qualityOverride !== undefined ? [`${params.qualityOverride} faces`] : []),
    ...(params.meshMode ? [`${params.meshMode} mesh`] : []),
    ...(params.seed !== undefined ? [`seed ${params.seed}`] : []),
    ...(params.addons?.length ? params.addons : []),
  ];
  const images = params.images ?? [];
  const what = params.prompt?.trim() ? `"${params.prompt.trim()}"` : 'from images only';
  const pictures =
    images.length > 0
      ? ` with ${images.length} image${images.length === 1 ? '' : 's'} (${images.map((i) => i.name).join(', ')})`
      : '';
  return `Generate ${what}${pictures}: ${parts.join(' · ')}`;
}

export async function generateCommand(opts: GenerateCommandOptions, io: CliIo): Promise<ExitCode> {
  const output = parseOutput(opts.output);
  const timeoutMs = parseWatchTimeout(opts.timeout);
  const baseUrl = resolveBaseUrl(opts.baseUrl, io.env);
  // Said before anything else happens: a script without --yes must learn at once, not after a balance call.
  if (!opts.yes && !io.stdin.isTTY) {
    throw usageError(
      'A generation spends credits: run it on a terminal to confirm, or pass --yes to submit without asking.',
    );
  }
  const params: GenerationParams = {
    ...(opts.prompt !== undefined ? { prompt: opts.prompt } : {}),
    images: await readImages(opts.image ?? []),
    ...(opts.tier !== undefined ? { tier: opts.tier } : {}),
    ...(opts.format !== undefined ? { geometryFileFormat: opts.format } : {}),
    ...(opts.material !== undefined ? { material: opts.material } : {}),
    ...(opts.quality !== undefined ? { quality: opts.quality } : {}),
    ...(opts.faces !== undefined ? { qualityOverride: wholeNumber('--faces', opts.faces) } : {}),
    ...(opts.meshMode !== undefined ? { meshMode: opts.meshMode } : {}),
    ...(opts.seed !== undefined ? { seed: wholeNumber('--seed', opts.seed) } : {}),
    ...(opts.highpack ? { addons: ['HighPack'] } : {}),
  };
  const problems = checkGenerationParams(params);
  if (problems.length > 0) {
    throw usageError(`The generation cannot be sent:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }

  const client = createCliClient(baseUrl, await resolveApiKey(io.env));
  const cost = estimateGenerationCost(params);
  const balance = await client.checkBalance();
  writeLine(io.stderr, summary(params));
  writeLine(io.stderr, `Cost: ${formatCredits(cost)} (balance ${formatCredits(balance)}).`);
  if (balance < cost) {
    throw new CliError(
      `Not enough credits: this costs ${formatCredits(cost)} and the balance is ${formatCredits(balance)}.`,
      EXIT.taskFailed,
      'Top up in the Hyper3D dashboard, or choose a cheaper tier or no HighPack.',
    );
  }
  if (!opts.yes && !(await confirm(`Submit and spend ${formatCredits(cost)}? [y/N] `, io.stdin, io.stderr))) {
    writeLine(io.stderr, 'Not submitted; nothing was spent.');
    return EXIT.interrupted;
  }

  let submitted;
  try {
    submitted = await client.generate(params);
  } catch (error) {
    if (error instanceof OutcomeUnknownError) await reportBalanceAfter(client, balance, io);
    throw error;
  }
  // stdout gets the task in the form `watch` (and the tray app) accepts; words for people go to stderr.
  writeLine(io.stdout, JSON.stringify(submittedTaskJson(params, submitted)));
  writeLine(io.stderr, `Submitted "${generationLabel(params)}" as task ${submitted.taskUuid}.`);
  if (!opts.watch && opts.download === undefined) {
    writeLine(io.stderr, 'Watch it with: rodin-jobs watch <the line above, or a file holding it>');
    return EXIT.ok;
  }
  return watchUntilDone({
    io,
    output,
    tasks: [submittedTaskInput(params, submitted)],
    client,
    download: opts.download,
    timeoutMs,
  });
}

/** After "no answer", the balance is the quickest hint whether the task was created (and charged). */
async function reportBalanceAfter(client: ReturnType<typeof createCliClient>, before: number, io: CliIo) {
  try {
    const after = await client.checkBalance();
    const hint = after < before ? 'it went down, so the task was probably created' : 'it did not change so far';
    writeLine(io.stderr, `Balance before: ${formatCredits(before)}; now: ${formatCredits(after)} (${hint}).`);
  } catch {
    // The advice in the error message stands on its own.
  }
}
