// `rodin-jobs key set | clear | status`: the API key in the OS keychain entry the tray app shares; shown only as a hint.
import { UsageError } from '../../core/rodin/errors';
import { validateApiKey } from '../../core/secrets/api-key';
import { API_KEY_ENV } from '../../core/secrets/keytar-key-store';
import { originOf } from '../../core/secrets/bound-key';
import { createCliKeyStore, resolveBaseUrl } from '../connection';
import { EXIT, usageError, type ExitCode } from '../exit-codes';
import { writeLine, type CliIo } from '../io';
import { readSecret } from '../prompt-secret';

export async function keySetCommand(io: CliIo): Promise<ExitCode> {
  const typed = await readSecret('Rodin API key (input hidden): ', io.stdin, io.stderr);
  let key: string;
  try {
    key = validateApiKey(typed);
  } catch (error) {
    if (error instanceof UsageError) throw usageError(error.message);
    throw error;
  }
  // Bound to the API this shell uses (RODIN_BASE_URL, else the public API): the tray app sends it only there
  // unless the user confirms another host in the app.
  const origin = originOf(resolveBaseUrl(undefined, io.env));
  const store = createCliKeyStore({ ...io.env, [API_KEY_ENV]: '' });
  await store.set(key, origin);
  const status = await store.status();
  writeLine(io.stdout, `Saved the API key (${status.hint ?? '…'}) in the OS keychain, for ${status.origin ?? origin}.`);
  if (io.env[API_KEY_ENV]?.trim()) {
    writeLine(io.stderr, `Note: ${API_KEY_ENV} is set in this shell and takes precedence over the keychain.`);
  }
  return EXIT.ok;
}

export async function keyClearCommand(io: CliIo): Promise<ExitCode> {
  await createCliKeyStore({ ...io.env, [API_KEY_ENV]: '' }).clear();
  writeLine(io.stdout, 'The OS keychain holds no Rodin API key now.');
  if (io.env[API_KEY_ENV]?.trim()) writeLine(io.stderr, `Note: ${API_KEY_ENV} is still set in this shell.`);
  return EXIT.ok;
}

export async function keyStatusCommand(io: CliIo): Promise<ExitCode> {
  const status = await createCliKeyStore(io.env).status();
  if (!status.present) {
    writeLine(
      io.stdout,
      `No API key: ${API_KEY_ENV} is not set and the OS keychain has none. Store one with \`rodin-jobs key set\`.`,
    );
    return EXIT.keyRejected;
  }
  const source = status.source === 'env' ? `the ${API_KEY_ENV} environment variable` : 'the OS keychain';
  const bound = status.origin ? ` The tray app sends it only to ${status.origin}.` : '';
  writeLine(io.stdout, `API key ${status.hint ?? '…'} from ${source}.${bound}`);
  return EXIT.ok;
}
