// Opens the app's key store at start: keytar when it loads, else the fallbacks, remembering every key it hands out.
import { safeStorage } from 'electron';
import type { KeyStore } from '../../core/secrets/key-store';
import { createKeytarKeyStore, loadKeytar } from '../../core/secrets/keytar-key-store';
import { electronConfFactory } from '../store/electron-conf';
import { createAppKeyStore } from './app-key-store';
import { createSecretSlot } from './secret-slot';

export interface OpenedKeyStore {
  keyStore: KeyStore;
  /** What the user should hear about where the key lives (a fallback, an unreadable slot file). */
  notices: () => string[];
}

/** `knownSecrets` learns every key read or set, so the logger can hide keys that are not JWT-shaped. */
export async function openKeyStore(options: { userData: string; knownSecrets: Set<string> }): Promise<OpenedKeyStore> {
  const keyNotices: string[] = [];
  const slot = createSecretSlot({ cwd: options.userData, factory: electronConfFactory, now: Date.now });
  let keytarReason: string | undefined;
  const keytar = await loadKeytar((reason) => (keytarReason = reason));
  const appKeyStore = createAppKeyStore({
    keychain: keytar ? createKeytarKeyStore({ keytar }) : undefined,
    ...(keytarReason ? { keychainMissingReason: keytarReason } : {}),
    safeStorage,
    platform: process.platform,
    slot,
    env: process.env,
    onNotice: (notice) => keyNotices.push(notice),
  });
  const keyStore: KeyStore = {
    ...appKeyStore,
    async get() {
      const bound = await appKeyStore.get();
      if (bound) options.knownSecrets.add(bound.key);
      return bound;
    },
    async set(key, origin) {
      options.knownSecrets.add(key);
      return appKeyStore.set(key, origin);
    },
  };
  // Asking once now settles the keychain-or-fallback question before the controller reads the notices.
  await keyStore.status().catch(() => undefined);
  return { keyStore, notices: () => [...slot.notices(), ...keyNotices] };
}
