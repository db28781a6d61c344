import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBoundKey, LEGACY_KEY_ORIGIN as API } from '../../../src/core/secrets/bound-key';
import {
  KeychainUnavailableError,
  createKeytarKeyStore,
  loadKeytar,
  type KeytarLike,
} from '../../../src/core/secrets/keytar-key-store';

const SERVICE = `Rodin Tray test ${randomBytes(4).toString('hex')}`;
const KEY = 'rodin-test-key-0123456789-wxyz';
const OTHER_KEY = 'rodin-other-key-9876543210-abcd';

/** Finds out whether a real Secret Service answers here; returns keytar, or undefined and why not. */
async function probeSecretService(): Promise<{ keytar?: KeytarLike; reason?: string }> {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    return { reason: 'no D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset); run the tests through scripts/test.sh' };
  }
  let loadReason = 'keytar could not be loaded';
  const keytar = await loadKeytar((r) => {
    loadReason = r;
  });
  if (!keytar) return { reason: loadReason };
  try {
    await keytar.getPassword(SERVICE, 'probe');
    return { keytar };
  } catch (error) {
    return { reason: `the Secret Service did not answer (${(error as Error).message})` };
  }
}

const probe = await probeSecretService();
if (!probe.keytar) console.warn(`SKIPPED keychain tests against the real Secret Service: ${probe.reason}`);

describe.skipIf(!probe.keytar)('keytar key store against the real Secret Service', () => {
  afterEach(async () => {
    await probe.keytar?.deletePassword(SERVICE, 'api-key');
  });

  it('reports no key before one is set', async () => {
    const store = createKeytarKeyStore({ env: {}, service: SERVICE });
    expect(await store.status()).toEqual({ present: false, source: 'none' });
    expect(await store.get()).toBeUndefined();
  });

  it('stores a key in the keychain and reads it back', async () => {
    const store = createKeytarKeyStore({ env: {}, service: SERVICE });
    await store.set(`  ${KEY}\n`, API);
    expect((await store.get())?.key).toBe(KEY);
    expect(await store.status()).toEqual({ present: true, source: 'keychain', hint: '…wxyz', origin: API });
    // A second store (another process, e.g. the CLI) sees the same entry.
    expect((await createKeytarKeyStore({ env: {}, service: SERVICE }).get())?.key).toBe(KEY);
  });

  it('forgets the key on clear', async () => {
    const store = createKeytarKeyStore({ env: {}, service: SERVICE });
    await store.set(KEY, API);
    await store.clear();
    expect(await store.get()).toBeUndefined();
    expect((await store.status()).present).toBe(false);
  });

  it('lets RODIN_API_KEY override the keychain while set and clear still change the keychain', async () => {
    const store = createKeytarKeyStore({ env: { RODIN_API_KEY: ` ${OTHER_KEY} ` }, service: SERVICE });
    await store.set(KEY, API);
    expect((await store.get())?.key).toBe(OTHER_KEY);
    expect(await store.status()).toEqual({ present: true, source: 'env', hint: '…abcd', origin: API });
    expect(decodeBoundKey(await probe.keytar?.getPassword(SERVICE, 'api-key'))).toEqual({ key: KEY, origin: API });
    await store.clear();
    expect(await probe.keytar?.getPassword(SERVICE, 'api-key')).toBeNull();
    expect((await store.status()).source).toBe('env');
  });

  it('keeps the origin with the key in the one entry, and rebinds when stored again for another origin', async () => {
    const store = createKeytarKeyStore({ env: {}, service: SERVICE });
    await store.set(KEY, 'http://127.0.0.1:4321/api');
    // What another process (the CLI, the next app start) reads from the real entry.
    expect(await createKeytarKeyStore({ env: {}, service: SERVICE }).get()).toEqual({
      key: KEY,
      origin: 'http://127.0.0.1:4321',
    });
    expect(await store.status()).toEqual({
      present: true,
      source: 'keychain',
      hint: '…wxyz',
      origin: 'http://127.0.0.1:4321',
    });
    await store.set(KEY, 'https://rodin.example.com/api/');
    expect(await store.get()).toEqual({ key: KEY, origin: 'https://rodin.example.com' });
  });

  it('reads an entry from before keys were bound (the bare key) as bound to the public API', async () => {
    await probe.keytar?.setPassword(SERVICE, 'api-key', KEY);
    const store = createKeytarKeyStore({ env: {}, service: SERVICE });
    expect(await store.get()).toEqual({ key: KEY, origin: 'https://api.hyper3d.com' });
    expect((await store.status()).origin).toBe('https://api.hyper3d.com');
  });

  it('refuses to store an invalid key and leaves the keychain alone', async () => {
    const store = createKeytarKeyStore({ env: {}, service: SERVICE });
    await expect(store.set('not a key', API)).rejects.toThrow(/spaces/);
    expect(await store.get()).toBeUndefined();
  });
});

describe('keytar key store when the keychain cannot be reached', () => {
  it('says the OS keychain is not available, without the key, when there is no D-Bus', () => {
    const storeModule = fileURLToPath(new URL('../../../src/core/secrets/keytar-key-store.ts', import.meta.url));
    const script = `
      const { createKeytarKeyStore } = await import(${JSON.stringify(storeModule)});
      const store = createKeytarKeyStore({ env: {}, service: ${JSON.stringify(SERVICE)} });
      try { await store.set(${JSON.stringify(KEY)}, 'https://api.hyper3d.com'); console.log('STORED'); }
      catch (error) { console.log(error.name + ': ' + error.message); }`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rodin-test-bus', DISPLAY: '' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(child.stdout).toMatch(/^KeychainUnavailableError: The OS keychain is not available: \S/m);
    expect(child.stdout).not.toContain(KEY);
    expect(child.stdout).not.toContain('STORED');
  });

  it('removes the key from a keychain failure message that happens to quote it', async () => {
    const leaky: KeytarLike = {
      getPassword: () => Promise.resolve(null),
      setPassword: (_s, _a, password) => Promise.reject(new Error(`cannot store ${password}`)),
      deletePassword: () => Promise.resolve(false),
    };
    const store = createKeytarKeyStore({ env: {}, keytar: leaky, service: SERVICE });
    const error = await store.set(KEY, API).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as Error).message).toMatch(/^The OS keychain is not available: cannot store .*…wxyz/);
    expect((error as Error).message).not.toContain(KEY);
  });
});

describe('keytar missing (an optional dependency npm skipped)', () => {
  it('is reported as not installed, and the CLI then points at RODIN_API_KEY', async () => {
    const missing = Object.assign(new Error("Cannot find package 'keytar'"), { code: 'ERR_MODULE_NOT_FOUND' });
    let reason = '';
    const keytar = await loadKeytar(
      (why) => (reason = why),
      () => Promise.reject(missing),
    );
    expect(keytar).toBeUndefined();
    expect(reason).toMatch(/keytar is not installed/);
    const { toCliError } = await import('../../../src/cli/error-exit');
    const cliError = toCliError(new KeychainUnavailableError(reason));
    expect(`${cliError.message} ${cliError.hint ?? ''}`).toMatch(/keychain is not available.*RODIN_API_KEY/s);
  });
});
