// The API key in the OS keychain via keytar (shared by the tray app and `rodin-jobs key`), with RODIN_API_KEY on top.
import type { KeyStore } from './key-store';
import type { KeyStatus } from '../../shared/snapshot';
import { keyHint, validateApiKey } from './api-key';
import { decodeBoundKey, encodeBoundKey, LEGACY_KEY_ORIGIN, originOf, type BoundKey } from './bound-key';

export const KEYCHAIN_SERVICE = 'Rodin Tray';
export const KEYCHAIN_ACCOUNT = 'api-key';
export const API_KEY_ENV = 'RODIN_API_KEY';

/** The part of keytar we use; tests and other backends can pass their own. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The keychain cannot be used at all (no native module, no Secret Service, locked and refused…). */
export class KeychainUnavailableError extends Error {
  readonly code = 'KEYCHAIN_UNAVAILABLE';
  constructor(readonly reason: string) {
    super(`The OS keychain is not available: ${reason}`);
    this.name = 'KeychainUnavailableError';
  }
}

function isKeytarLike(value: unknown): value is KeytarLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.getPassword === 'function' && typeof v.setPassword === 'function' && typeof v.deletePassword === 'function'
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loads keytar's native module. Returns undefined (and tells `onUnavailable` why) when it cannot be loaded,
 * so the app can fall back to another store. A missing Secret Service only shows on the first real call.
 */
export async function loadKeytar(
  onUnavailable?: (reason: string) => void,
  importKeytar: () => Promise<unknown> = () => import('keytar'),
): Promise<KeytarLike | undefined> {
  try {
    const loaded: unknown = await importKeytar();
    // keytar is CommonJS: depending on the loader its functions sit on the namespace or on `.default`.
    const candidates = [loaded, (loaded as { default?: unknown }).default];
    const keytar = candidates.find(isKeytarLike);
    if (keytar) return keytar;
    onUnavailable?.('the keytar module loaded but does not look like keytar.');
  } catch (error) {
    // keytar is an optional dependency: npm skips it where its native build fails (Linux without libsecret).
    if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND') {
      onUnavailable?.('keytar is not installed (an optional dependency; on Linux it needs libsecret).');
    } else {
      onUnavailable?.(`the keytar native module could not be loaded (${messageOf(error)}).`);
    }
  }
  return undefined;
}

export interface KeytarKeyStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to the real keytar, loaded on first use. */
  keytar?: KeytarLike;
  /** Tests use their own service name so they never touch a real user's entry. */
  service?: string;
  account?: string;
}

export function createKeytarKeyStore(options: KeytarKeyStoreOptions = {}): KeyStore {
  const env = options.env ?? process.env;
  const service = options.service ?? KEYCHAIN_SERVICE;
  const account = options.account ?? KEYCHAIN_ACCOUNT;
  let keytarPromise: Promise<KeytarLike> | undefined;

  function keytar(): Promise<KeytarLike> {
    if (options.keytar) return Promise.resolve(options.keytar);
    keytarPromise ??= loadKeytarOrThrow();
    return keytarPromise;
  }

  /** RODIN_API_KEY is bound like a key from before binding: to the public API (see LEGACY_KEY_ORIGIN). */
  function envKey(): BoundKey | undefined {
    const value = env[API_KEY_ENV]?.trim();
    return value ? { key: value, origin: LEGACY_KEY_ORIGIN } : undefined;
  }

  /** Runs a keychain call; its failures become one clear error that never carries the key. */
  async function withKeychain<T>(action: (k: KeytarLike) => Promise<T>, secret?: string): Promise<T> {
    const k = await keytar();
    try {
      return await action(k);
    } catch (error) {
      let reason = messageOf(error).trim() || 'the keychain refused the request.';
      if (secret) reason = reason.split(secret).join(keyHint(secret));
      throw new KeychainUnavailableError(reason);
    }
  }

  /** The entry holds the key and its origin as one secret (bound-key.ts); an old bare-key entry still reads. */
  async function keychainKey(): Promise<BoundKey | undefined> {
    return decodeBoundKey(await withKeychain((k) => k.getPassword(service, account)));
  }

  return {
    async get() {
      return envKey() ?? (await keychainKey());
    },
    async set(key, origin) {
      const valid = validateApiKey(key);
      const entry = encodeBoundKey({ key: valid, origin: originOf(origin) });
      await withKeychain((k) => k.setPassword(service, account, entry), valid);
    },
    async clear() {
      await withKeychain((k) => k.deletePassword(service, account));
    },
    async status(): Promise<KeyStatus> {
      const fromEnv = envKey();
      if (fromEnv) return { present: true, source: 'env', hint: keyHint(fromEnv.key), origin: fromEnv.origin };
      const stored = await keychainKey();
      if (stored) return { present: true, source: 'keychain', hint: keyHint(stored.key), origin: stored.origin };
      return { present: false, source: 'none' };
    },
  };
}

async function loadKeytarOrThrow(): Promise<KeytarLike> {
  let why = 'the keytar native module could not be loaded.';
  const keytar = await loadKeytar((reason) => {
    why = reason;
  });
  if (!keytar) throw new KeychainUnavailableError(why);
  return keytar;
}
