// Where the CLI gets its base URL, its API key and its Rodin client (env, flags, the OS keychain).
import { createRodinClient } from '../core/rodin/client';
import { normalizeBaseUrl } from '../core/rodin/base-url';
import { DEFAULT_BASE_URL, type RodinClient } from '../core/rodin/types';
import { UsageError } from '../core/rodin/errors';
import { createKeytarKeyStore, KeychainUnavailableError } from '../core/secrets/keytar-key-store';
import type { KeyStore } from '../core/secrets/key-store';
import { CliError, EXIT, usageError } from './exit-codes';

export const BASE_URL_ENV = 'RODIN_BASE_URL';
/**
 * Hidden, for tests only: a keychain service name other than the tray app's, so a test run on a developer's
 * desktop can never overwrite their real key.
 */
export const KEYCHAIN_SERVICE_ENV = 'RODIN_KEYCHAIN_SERVICE';

/** The keychain entry the tray app uses (RODIN_API_KEY on top), unless a test redirects it. */
export function createCliKeyStore(env: NodeJS.ProcessEnv): KeyStore {
  const service = env[KEYCHAIN_SERVICE_ENV]?.trim();
  return createKeytarKeyStore({ env, ...(service ? { service } : {}) });
}

/** --base-url, else RODIN_BASE_URL, else the public API. */
export function resolveBaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const raw = flag ?? (env[BASE_URL_ENV]?.trim() || DEFAULT_BASE_URL);
  try {
    return normalizeBaseUrl(raw);
  } catch (error) {
    if (error instanceof UsageError) {
      throw usageError(`${flag !== undefined ? '--base-url' : BASE_URL_ENV}: ${error.message}`);
    }
    throw error;
  }
}

/**
 * RODIN_API_KEY, else the keychain entry the tray app shares; a clear sentence when neither has one.
 * The origin the entry is bound to does not limit the CLI: its base URL comes from --base-url or RODIN_BASE_URL,
 * the user's own explicit choice in their own shell, never from a file another program could edit.
 */
export async function resolveApiKey(
  env: NodeJS.ProcessEnv,
  keyStore: KeyStore = createCliKeyStore(env),
): Promise<string> {
  const howToFix = 'Set RODIN_API_KEY, or store the key once with `rodin-jobs key set`.';
  let key: string | undefined;
  try {
    key = (await keyStore.get())?.key;
  } catch (error) {
    if (error instanceof KeychainUnavailableError) {
      throw new CliError(
        `No API key: RODIN_API_KEY is not set and the OS keychain is unavailable (${error.reason.replace(/\.$/, '')}).`,
        EXIT.keyRejected,
        'Set RODIN_API_KEY for this shell, e.g. `read -rs RODIN_API_KEY && export RODIN_API_KEY`.',
      );
    }
    throw error;
  }
  if (!key)
    throw new CliError(
      'No API key: RODIN_API_KEY is not set and the OS keychain has none.',
      EXIT.keyRejected,
      howToFix,
    );
  return key;
}

export function createCliClient(baseUrl: string, apiKey: string): RodinClient {
  return createRodinClient({ baseUrl, fetch: globalThis.fetch, getApiKey: () => apiKey });
}
