// The app's KeyStore: the OS keychain through keytar, switching once to a fallback when the keychain cannot be used.
import type { KeyStore } from '../../core/secrets/key-store';
import {
  chooseFallback,
  createSafeStorageKeyStore,
  createSessionKeyStore,
  withEnvOverride,
  type SafeStorageLike,
} from './fallback-key-stores';
import type { SecretSlot } from './secret-slot';

export interface AppKeyStoreOptions {
  /** The keytar store, or undefined when keytar's native module could not be loaded. */
  keychain: KeyStore | undefined;
  /** Why keytar could not be loaded, when it could not. */
  keychainMissingReason?: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  slot: SecretSlot;
  env: NodeJS.ProcessEnv;
  onNotice: (notice: string) => void;
}

function isKeychainUnavailable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'KEYCHAIN_UNAVAILABLE';
}

function reasonOf(error: unknown): string {
  const reason = (error as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : 'the keychain refused the request.';
}

export function createAppKeyStore(options: AppKeyStoreOptions): KeyStore {
  let fallback: KeyStore | undefined;

  function useFallback(why: string): KeyStore {
    if (fallback) return fallback;
    const choice = chooseFallback(options.safeStorage, options.platform);
    const onUnreadable = () =>
      options.onNotice('The saved API key could not be decrypted (the system keyring changed); enter it again.');
    if (choice.kind === 'safe-storage') {
      fallback = createSafeStorageKeyStore({ safeStorage: options.safeStorage, slot: options.slot, onUnreadable });
      options.onNotice(
        `The OS keychain is not available (${why.replace(/\.$/, '')}); the API key is stored encrypted with the system's safe storage instead.`,
      );
    } else {
      fallback = createSessionKeyStore();
      options.onNotice(
        `The OS keychain is not available (${why.replace(/\.$/, '')}) and ${choice.reason}, so the API key is kept in memory for this session only and must be entered again after a restart. It is never written to disk in plain text.`,
      );
    }
    fallback = withEnvOverride(fallback, options.env);
    return fallback;
  }

  if (!options.keychain) useFallback(options.keychainMissingReason ?? 'keytar could not be loaded');

  async function run<T>(action: (store: KeyStore) => Promise<T>): Promise<T> {
    if (fallback || !options.keychain) return action(useFallback('keytar could not be loaded'));
    try {
      return await action(options.keychain);
    } catch (error) {
      if (!isKeychainUnavailable(error)) throw error;
      return action(useFallback(reasonOf(error)));
    }
  }

  return {
    get: () => run((store) => store.get()),
    set: (key, origin) => run((store) => store.set(key, origin)),
    // "Remove key" removes it from every place it may be: the keychain entry and any safeStorage ciphertext left
    // by a session when the keychain was unavailable (or the other way round).
    async clear() {
      options.slot.write(undefined);
      await run((store) => store.clear());
      if (fallback && options.keychain) await options.keychain.clear().catch(() => undefined);
    },
    status: () => run((store) => store.status()),
  };
}
