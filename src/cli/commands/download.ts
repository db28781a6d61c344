// `rodin-jobs download --task U --out DIR`: fetch a finished task's files (fresh signed URLs, safe names).
import { resolve } from 'node:path';
import { downloadTaskResults } from '../../core/download/downloader';
import { createCliClient, resolveApiKey, resolveBaseUrl } from '../connection';
import { usageError, EXIT, type ExitCode } from '../exit-codes';
import { writeLine, type CliIo } from '../io';
import { parseOutput } from './watch';
import { formatBytes } from '../../shared/format-bytes';
import { refusedNote } from '../../core/download/download-summary';

export interface DownloadCommandOptions {
  task?: string;
  out?: string;
  baseUrl?: string;
  output?: string;
}

export async function downloadCommand(opts: DownloadCommandOptions, io: CliIo): Promise<ExitCode> {
  const output = parseOutput(opts.output);
  const taskUuid = opts.task?.trim();
  if (!taskUuid)
    throw usageError('download needs --task <task uuid> (the top-level "uuid" of the generation response).');
  if (!/^[A-Za-z0-9-]{8,64}$/.test(taskUuid)) throw usageError('--task is not a task UUID.');
  if (!opts.out) throw usageError('download needs --out <folder> to save the files into.');
  const folder = resolve(opts.out);
  const client = createCliClient(resolveBaseUrl(opts.baseUrl, io.env), await resolveApiKey(io.env));

  const showProgress = Boolean(io.stderr.isTTY) && output === 'human';
  const result = await downloadTaskResults({
    client,
    fetch: globalThis.fetch,
    taskUuid,
    folder,
    onProgress: (p) => {
      if (!showProgress) return;
      // The task's total over every file, fetched in parallel.
      const total = p.totalBytes ? ` of ${formatBytes(p.totalBytes)}` : '';
      io.stderr.write(`\r\x1b[K${p.filesDone}/${p.fileCount} files, ${formatBytes(p.receivedBytes)}${total}`);
    },
  });
  if (showProgress) io.stderr.write('\r\x1b[K');
  const refused = result.refused.length
    ? refusedNote({ status: 'done', refused: result.refused, refusedCount: result.refused.length })
    : undefined;

  if (output === 'json') {
    writeLine(
      io.stdout,
      JSON.stringify({
        taskUuid,
        folder: result.folder,
        files: result.files,
        ...(result.previewFile ? { previewFile: result.previewFile } : {}),
        refused: result.refused,
        failed: result.failed.map((f) => ({ name: f.name, error: f.error.message })),
      }),
    );
  } else {
    writeLine(
      io.stdout,
      `Saved ${result.files.length} file${result.files.length === 1 ? '' : 's'} to ${result.folder}:`,
    );
    for (const file of result.files) writeLine(io.stdout, `  ${file}`);
  }
  // Refused entries are a warning (every safe file was saved); a safe file that could not be fetched fails the run.
  for (const entry of result.refused) writeLine(io.stderr, `Refused ${entry.name}: ${entry.reason}.`);
  if (refused && output === 'human') writeLine(io.stderr, `Warning: ${refused}.`);
  for (const failure of result.failed) writeLine(io.stderr, failure.error.message);
  return result.failed.length > 0 ? EXIT.taskFailed : EXIT.ok;
}
