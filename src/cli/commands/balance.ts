// `rodin-jobs balance`: the account's remaining credits.
import { createCliClient, resolveApiKey, resolveBaseUrl } from '../connection';
import { EXIT, type ExitCode } from '../exit-codes';
import { writeLine, type CliIo } from '../io';
import { parseOutput } from './watch';
import { formatCredits } from '../../shared/format-credits';

export async function balanceCommand(opts: { baseUrl?: string; output?: string }, io: CliIo): Promise<ExitCode> {
  const output = parseOutput(opts.output);
  const client = createCliClient(resolveBaseUrl(opts.baseUrl, io.env), await resolveApiKey(io.env));
  const balance = await client.checkBalance();
  writeLine(io.stdout, output === 'json' ? JSON.stringify({ balance }) : `Balance: ${formatCredits(balance)}`);
  return EXIT.ok;
}
