import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeBoundKey, LEGACY_KEY_ORIGIN as API } from '../../../src/core/secrets/bound-key';
import {
  createKeytarKeyStore,
  KeychainUnavailableError,
  loadKeytar,
  type KeytarLike,
} from '../../../src/core/secrets/keytar-key-store';
import { createAppKeyStore } from '../../../src/main/secrets/app-key-store';
import { createSecretSlot } from '../../../src/main/secrets/secret-slot';
import type { SafeStorageLike } from '../../../src/main/secrets/fallback-key-stores';
import { confFactory } from '../store/conf-factory';

const KEY = 'rk_live_0123456789abcdefSECRET';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rodin-secrets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Stands in for Electron's safeStorage: real enough that the ciphertext does not contain the key. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(Buffer.from(text).map((byte) => byte ^ 0x5a)),
    decryptString: (data) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString(),
  };
}

const refusingKeychain: KeytarLike = {
  getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
};

function build(options: { keytar?: KeytarLike; missing?: boolean; backend?: string; env?: NodeJS.ProcessEnv }) {
  const notices: string[] = [];
  const slot = createSecretSlot({ cwd: dir, factory: confFactory, now: () => 0 });
  const store = createAppKeyStore({
    keychain: options.missing ? undefined : createKeytarKeyStore({ keytar: options.keytar, env: {} }),
    keychainMissingReason: 'the keytar native module could not be loaded',
    safeStorage: fakeSafeStorage(options.backend ?? 'gnome_libsecret'),
    platform: 'linux',
    slot,
    env: options.env ?? {},
    onNotice: (notice) => notices.push(notice),
  });
  return { store, notices };
}

function filesContaining(text: string): string[] {
  return readdirSync(dir).filter((name) => readFileSync(join(dir, name), 'utf8').includes(text));
}

describe('app key store fallbacks', () => {
  it('falls back to safeStorage ciphertext when the keychain refuses, and says why', async () => {
    const { store, notices } = build({ keytar: refusingKeychain });
    await store.set(KEY, API);
    expect((await store.get())?.key).toBe(KEY);
    expect(await store.status()).toEqual({ present: true, source: 'safe-storage', hint: '…CRET', origin: API });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('Cannot autolaunch D-Bus');
    expect(notices[0]).toContain('safe storage');
    expect(filesContaining('apiKeyCiphertext')).toEqual(['secret.json']);
    expect(filesContaining(KEY)).toEqual([]);
  });

  it('"Remove key" also removes safeStorage ciphertext left by an earlier session without a keychain', async () => {
    const earlier = build({ keytar: refusingKeychain });
    await earlier.store.set(KEY, API);
    const entry = encodeBoundKey({ key: KEY, origin: API });
    expect(filesContaining(Buffer.from(Buffer.from(entry).map((b) => b ^ 0x5a)).toString('base64'))).not.toEqual([]);

    const entries = new Map<string, string>();
    const working: KeytarLike = {
      getPassword: (service, account) => Promise.resolve(entries.get(`${service}/${account}`) ?? null),
      setPassword: (service, account, password) => Promise.resolve(void entries.set(`${service}/${account}`, password)),
      deletePassword: (service, account) => Promise.resolve(entries.delete(`${service}/${account}`)),
    };
    const later = build({ keytar: working });
    await later.store.set(KEY, API);
    await later.store.clear();
    expect(entries.size).toBe(0);
    expect(
      readdirSync(dir).flatMap((name) => (readFileSync(join(dir, name), 'utf8').includes('Ciphertext') ? [name] : [])),
    ).toEqual([]);
    expect(await build({ keytar: refusingKeychain }).store.get()).toBeUndefined();
  });

  it('reads the encrypted key back after a restart', async () => {
    await build({ keytar: refusingKeychain }).store.set(KEY, API);
    const restarted = build({ keytar: refusingKeychain });
    expect((await restarted.store.get())?.key).toBe(KEY);
  });

  it('uses the fallback from the start when keytar cannot be loaded at all', async () => {
    const { store, notices } = build({ missing: true });
    expect(notices[0]).toContain('keytar native module could not be loaded');
    await store.set(KEY, API);
    expect((await store.status()).source).toBe('safe-storage');
  });

  it('keeps the key in memory only when safeStorage would be basic_text, writing nothing to disk', async () => {
    const { store, notices } = build({ keytar: refusingKeychain, backend: 'basic_text' });
    await store.set(KEY, API);
    expect(await store.status()).toEqual({ present: true, source: 'memory', hint: '…CRET', origin: API });
    expect(notices[0]).toMatch(/in memory for this session only/);
    expect(notices[0]).toMatch(/no desktop keyring/);
    expect(filesContaining(KEY)).toEqual([]);
    expect(existsSync(join(dir, 'secret.json')) ? readFileSync(join(dir, 'secret.json'), 'utf8') : '').not.toContain(
      'apiKeyCiphertext',
    );
    expect(await build({ keytar: refusingKeychain, backend: 'basic_text' }).store.get()).toBeUndefined();
  });

  it('keeps the key in memory when encryption is not available at all', async () => {
    const notices: string[] = [];
    const store = createAppKeyStore({
      keychain: undefined,
      safeStorage: fakeSafeStorage('gnome_libsecret', false),
      platform: 'darwin',
      slot: createSecretSlot({ cwd: dir, factory: confFactory, now: () => 0 }),
      env: {},
      onNotice: (notice) => notices.push(notice),
    });
    await store.set(KEY, API);
    expect((await store.status()).source).toBe('memory');
  });

  it('lets RODIN_API_KEY override a fallback store too', async () => {
    const { store } = build({ keytar: refusingKeychain, env: { RODIN_API_KEY: 'env_key_0123456789abcdWXYZ' } });
    expect((await store.get())?.key).toBe('env_key_0123456789abcdWXYZ');
    expect(await store.status()).toEqual({ present: true, source: 'env', hint: '…WXYZ', origin: API });
  });

  it('does not fall back on errors that are not about the keychain (an invalid key stays an error)', async () => {
    const { store, notices } = build({ keytar: refusingKeychain });
    await expect(store.set('short', API)).rejects.toThrow(/too short/);
    expect(notices).toHaveLength(0);
  });

  it('passes a KeychainUnavailableError from the keychain store through to the fallback', async () => {
    const keychain = {
      get: () => Promise.reject(new KeychainUnavailableError('the keyring is locked.')),
      set: () => Promise.reject(new KeychainUnavailableError('the keyring is locked.')),
      clear: () => Promise.reject(new KeychainUnavailableError('the keyring is locked.')),
      status: () => Promise.reject(new KeychainUnavailableError('the keyring is locked.')),
    };
    const notices: string[] = [];
    const store = createAppKeyStore({
      keychain,
      safeStorage: fakeSafeStorage('kwallet5'),
      platform: 'linux',
      slot: createSecretSlot({ cwd: dir, factory: confFactory, now: () => 0 }),
      env: {},
      onNotice: (notice) => notices.push(notice),
    });
    expect(await store.status()).toEqual({ present: false, source: 'none' });
    expect(notices[0]).toContain('the keyring is locked');
  });
});

describe('app key store with the real keytar', () => {
  it('stores in the OS keychain when a Secret Service answers, otherwise falls back and says so', async () => {
    const keytar = await loadKeytar();
    const service = `Rodin Tray Test ${process.pid}-${Date.now()}`;
    const notices: string[] = [];
    const store = createAppKeyStore({
      keychain: keytar ? createKeytarKeyStore({ keytar, env: {}, service }) : undefined,
      safeStorage: fakeSafeStorage('gnome_libsecret'),
      platform: 'linux',
      slot: createSecretSlot({ cwd: dir, factory: confFactory, now: () => 0 }),
      env: {},
      onNotice: (notice) => notices.push(notice),
    });
    try {
      await store.set(KEY, API);
      const status = await store.status();
      if (notices.length === 0) {
        expect(status.source).toBe('keychain');
        expect(filesContaining('apiKeyCiphertext')).toEqual([]);
      } else {
        console.warn(`No usable Secret Service here; checked the fallback path instead: ${notices[0]}`);
        expect(status.source).toBe('safe-storage');
      }
      expect((await store.get())?.key).toBe(KEY);
    } finally {
      await store.clear();
    }
  });
});
