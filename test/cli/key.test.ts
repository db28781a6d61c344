import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

// The CLI must reach the same Secret Service as the test run (scripts/test.sh starts a throwaway one).
const hasSession = process.platform !== 'linux' || Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
if (!hasSession) {
  console.warn(
    'SKIPPED `rodin-jobs key` tests: no D-Bus session (DBUS_SESSION_BUS_ADDRESS is unset); run them through scripts/test.sh',
  );
}

// A service name of our own, so a run on a developer's desktop never touches their real "Rodin Tray" entry.
const service = `Rodin Tray CLI test ${randomBytes(4).toString('hex')}`;
const sessionEnv = {
  DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
  XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR,
  XDG_DATA_HOME: process.env.XDG_DATA_HOME,
  RODIN_KEYCHAIN_SERVICE: service,
};
const KEY = `cli-test-key-${randomBytes(12).toString('hex')}`;

describe.skipIf(!hasSession)('rodin-jobs key', () => {
  afterAll(async () => {
    await runCli(['key', 'clear'], { env: sessionEnv });
  });

  it('stores a key piped on stdin and shows only its last four characters afterwards', async () => {
    const set = await runCli(['key', 'set'], { env: sessionEnv, stdin: `${KEY}\n` });
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const status = await runCli(['key', 'status'], { env: sessionEnv });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`…${KEY.slice(-4)} from the OS keychain`);
    for (const run of [set, status]) expect(run.stdout + run.stderr).not.toContain(KEY.slice(0, -4));
  });

  it('refuses a key that is obviously not one, without storing or echoing it', async () => {
    const set = await runCli(['key', 'set'], { env: sessionEnv, stdin: 'two words\n' });
    expect(set.code).toBe(2);
    expect(set.stderr).toMatch(/must not contain spaces/);
    expect(set.stderr).not.toContain('two words');
  });

  it('says there is no key after clearing it, with exit code 3', async () => {
    await runCli(['key', 'set'], { env: sessionEnv, stdin: KEY });
    expect((await runCli(['key', 'clear'], { env: sessionEnv })).code).toBe(0);
    const status = await runCli(['key', 'status'], { env: sessionEnv });
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(/No API key/);
  });
});
