// Where the key goes when the OS keychain cannot be used: safeStorage ciphertext on disk, or this session's memory.
import type { KeyStore } from '../../core/secrets/key-store';
import { keyHint, validateApiKey } from '../../core/secrets/api-key';
import { API_KEY_ENV } from '../../core/secrets/keytar-key-store';
import {
  decodeBoundKey,
  encodeBoundKey,
  LEGACY_KEY_ORIGIN,
  originOf,
  type BoundKey,
} from '../../core/secrets/bound-key';
import type { KeyStatus } from '../../shared/snapshot';
import type { SecretSlot } from './secret-slot';

/** The part of Electron's safeStorage we use. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export type FallbackChoice = { kind: 'safe-storage' } | { kind: 'memory'; reason: string };

/**
 * safeStorage only protects the key when the OS gives it a real secret: on Linux the `basic_text` backend
 * encrypts with a constant password, which is plaintext in all but name.
 */
export function chooseFallback(safeStorage: SafeStorageLike, platform: NodeJS.Platform): FallbackChoice {
  if (!safeStorage.isEncryptionAvailable()) {
    return { kind: 'memory', reason: 'the system offers no encryption for stored secrets' };
  }
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') {
      return { kind: 'memory', reason: 'no desktop keyring (GNOME Keyring or KWallet) is running' };
    }
  }
  return { kind: 'safe-storage' };
}

/** Bound to the public API, as in the keychain store. */
function envKey(env: NodeJS.ProcessEnv): BoundKey | undefined {
  const value = env[API_KEY_ENV]?.trim();
  return value ? { key: value, origin: LEGACY_KEY_ORIGIN } : undefined;
}

/** RODIN_API_KEY wins over whatever is stored, as it does with the keychain store. */
export function withEnvOverride(store: KeyStore, env: NodeJS.ProcessEnv): KeyStore {
  return {
    get: async () => envKey(env) ?? (await store.get()),
    set: (key, origin) => store.set(key, origin),
    clear: () => store.clear(),
    async status() {
      const fromEnv = envKey(env);
      return fromEnv
        ? { present: true, source: 'env', hint: keyHint(fromEnv.key), origin: fromEnv.origin }
        : store.status();
    },
  };
}

export function createSafeStorageKeyStore(options: {
  safeStorage: SafeStorageLike;
  slot: SecretSlot;
  /** Told when stored ciphertext cannot be decrypted any more (keyring reset): the key must be entered again. */
  onUnreadable?: () => void;
}): KeyStore {
  const { safeStorage, slot } = options;
  /** The ciphertext holds the key with its origin (bound-key.ts); older ciphertext holds the bare key. */
  function read(): BoundKey | undefined {
    const stored = slot.read();
    if (!stored) return undefined;
    try {
      return decodeBoundKey(safeStorage.decryptString(Buffer.from(stored, 'base64')));
    } catch {
      options.onUnreadable?.();
      return undefined;
    }
  }
  return {
    get: () => Promise.resolve(read()),
    set(key, origin) {
      const entry = encodeBoundKey({ key: validateApiKey(key), origin: originOf(origin) });
      slot.write(safeStorage.encryptString(entry).toString('base64'));
      return Promise.resolve();
    },
    clear() {
      slot.write(undefined);
      return Promise.resolve();
    },
    status(): Promise<KeyStatus> {
      const key = read();
      return Promise.resolve(
        key
          ? { present: true, source: 'safe-storage', hint: keyHint(key.key), origin: key.origin }
          : { present: false, source: 'none' },
      );
    },
  };
}

export function createSessionKeyStore(): KeyStore {
  let key: BoundKey | undefined;
  return {
    get: () => Promise.resolve(key),
    set(next, origin) {
      key = { key: validateApiKey(next), origin: originOf(origin) };
      return Promise.resolve();
    },
    clear() {
      key = undefined;
      return Promise.resolve();
    },
    status: () =>
      Promise.resolve<KeyStatus>(
        key
          ? { present: true, source: 'memory', hint: keyHint(key.key), origin: key.origin }
          : { present: false, source: 'none' },
      ),
  };
}
