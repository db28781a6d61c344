// The key goes only to the API origin it was verified with: two simulators on 127.0.0.1 are the two origins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppController } from '../../../src/core/app/app-controller';
import { wrapHandlers } from '../../../src/core/app/ipc-result';
import {
  createMemoryKeyStore,
  createMemoryStore,
  createRecordingPlatform,
  type MemoryKeyStore,
  type MemoryStore,
} from '../../support/memory-adapters';
import type { AppController, Confirmation } from '../../../src/core/app/types';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { DEFAULT_BASE_URL } from '../../../src/core/rodin/types';
import { startSimulator, type Simulator } from '../../../src/core/sim/simulator';

let clock: FakeClock;
/** The origin the key was verified with. */
let home: Simulator;
/** Another origin (another port): what a tampered settings file or a changed base URL points at. */
let other: Simulator;
let controllers: AppController[];

beforeEach(async () => {
  clock = createFakeClock(1_700_000_000_000);
  home = await startSimulator({ now: () => clock.now() });
  // Same key accepted there, so any request that reached it with the key would succeed and be counted.
  other = await startSimulator({ now: () => clock.now(), apiKey: home.apiKey });
  controllers = [];
});

afterEach(async () => {
  for (const c of controllers) await c.shutdown();
  await home.stop();
  await other.stop();
});

/** A platform whose native question stays open until the test answers it. */
function askingPlatform() {
  const platform = createRecordingPlatform();
  const answers: ((yes: boolean) => void)[] = [];
  platform.confirm = (question: Confirmation) => {
    platform.confirmations.push(question);
    return new Promise<boolean>((resolve) => answers.push(resolve));
  };
  return { platform, answer: (yes: boolean) => answers.shift()?.(yes) };
}

async function start(options: {
  store: MemoryStore;
  keyStore: MemoryKeyStore;
  platform: ReturnType<typeof createRecordingPlatform>;
  fetch?: typeof fetch;
  startDemo?: () => Promise<{ baseUrl: string; apiKey: string }>;
}) {
  const controller = await createAppController({
    clock,
    fetch: options.fetch ?? fetch,
    keyStore: options.keyStore,
    store: options.store,
    platform: options.platform,
    ...(options.startDemo ? { startDemo: options.startDemo } : {}),
  });
  controllers.push(controller);
  return { controller, invoke: wrapHandlers(controller.handlers) };
}

/** Moves simulated time in steps, giving real HTTP round trips a moment between steps. */
async function run(simMs: number, until: () => boolean = () => false): Promise<void> {
  for (let elapsed = 0; elapsed < simMs && !until(); elapsed += 500) {
    await clock.advance(500);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** A task the other simulator knows (its status is what the app would poll there). */
function otherTaskText(): string {
  return JSON.stringify(other.addTask({ jobs: 1, queueMs: 1_000, generateMs: 2_000 }).generationResponse);
}

const originOf = (sim: Simulator) => new URL(sim.baseUrl).origin;

describe('the key goes only where it was verified', () => {
  it('sends nothing to the host of a tampered settings file until the user confirms it in main', async () => {
    const store = createMemoryStore({ settings: { baseUrl: other.baseUrl, autoDownload: false } });
    const keyStore = createMemoryKeyStore(home.apiKey, 'keychain', home.baseUrl);
    const { platform, answer } = askingPlatform();
    const { controller, invoke } = await start({ store, keyStore, platform });
    await invoke('tasks:add-text', { text: otherTaskText() });
    await run(30_000);

    expect(other.requests()).toHaveLength(0);
    expect(platform.confirmations).toHaveLength(1);
    expect(platform.confirmations[0]?.message).toBe(`Send your Rodin API key to ${originOf(other)}?`);
    expect(platform.confirmations[0]?.detail).toContain(`verified with ${originOf(home)}`);
    expect(controller.snapshot().problem).toEqual({
      kind: 'key-origin',
      message: `API host changed to ${originOf(other)}: confirm before your key is sent there. Checking waits until you answer.`,
    });
    expect(JSON.stringify(controller.snapshot())).not.toContain(home.apiKey);

    answer(true);
    await run(30_000, () => controller.snapshot().tasks[0]?.state === 'done');
    expect(controller.snapshot().tasks[0]?.state).toBe('done');
    expect(other.requests().length).toBeGreaterThan(0);
    expect(controller.snapshot().problem).toBeUndefined();
    // Confirming rebinds the stored key: the next start asks nothing.
    expect(await keyStore.get()).toEqual({ key: home.apiKey, origin: originOf(other) });
    const again = askingPlatform();
    await start({ store, keyStore, platform: again.platform });
    expect(again.platform.confirmations).toHaveLength(0);
  });

  it('keeps the key home and checking stopped when the user declines, and asks only once', async () => {
    const store = createMemoryStore({ settings: { baseUrl: other.baseUrl, autoDownload: false } });
    const keyStore = createMemoryKeyStore(home.apiKey, 'keychain', home.baseUrl);
    const { platform, answer } = askingPlatform();
    const { controller, invoke } = await start({ store, keyStore, platform });
    await invoke('tasks:add-text', { text: otherTaskText() });
    answer(false);
    await run(30_000);

    expect(other.requests()).toHaveLength(0);
    expect(controller.snapshot().tasks[0]?.state).not.toBe('done');
    expect(controller.snapshot().problem?.kind).toBe('key-origin');
    expect(controller.snapshot().problem?.message).toContain(`not sent to ${originOf(other)} because you declined`);
    expect(await keyStore.get()).toEqual({ key: home.apiKey, origin: originOf(home) });
    expect(await invoke('polling:check-now', undefined)).toEqual({ ok: true, value: undefined });
    await run(5_000);
    expect(other.requests()).toHaveLength(0);
    expect(platform.confirmations).toHaveLength(1);
  });

  it('asks when the base URL is changed through IPC, and checks the new host only after a yes', async () => {
    const store = createMemoryStore({ settings: { baseUrl: home.baseUrl, autoDownload: false } });
    const keyStore = createMemoryKeyStore(home.apiKey, 'keychain', home.baseUrl);
    const { platform, answer } = askingPlatform();
    const { controller, invoke } = await start({ store, keyStore, platform });
    await run(2_000);
    expect(platform.confirmations).toHaveLength(0);
    expect(home.requests().length).toBeGreaterThan(0);

    await invoke('tasks:add-text', { text: otherTaskText() });
    expect(await invoke('settings:update', { baseUrl: other.baseUrl })).toMatchObject({ ok: true });
    await run(10_000);
    expect(other.requests()).toHaveLength(0);
    expect(platform.confirmations).toHaveLength(1);

    answer(true);
    await run(30_000, () => controller.snapshot().tasks[0]?.state === 'done');
    expect(controller.snapshot().tasks[0]?.state).toBe('done');
    expect(other.requests().length).toBeGreaterThan(0);
  });

  it('asks even for a loopback host outside demo mode, and never in demo mode', async () => {
    // The user's key is bound to the public API; the demo runs the simulator on 127.0.0.1 with its own key.
    const store = createMemoryStore({ settings: { autoDownload: false } });
    const keyStore = createMemoryKeyStore('user_key_0123456789abcdefWXYZ', 'keychain', DEFAULT_BASE_URL);
    const demo = askingPlatform();
    const { controller, invoke } = await start({
      store,
      keyStore,
      platform: demo.platform,
      startDemo: () => Promise.resolve({ baseUrl: other.baseUrl, apiKey: other.apiKey }),
    });
    expect(await invoke('demo:start', undefined)).toEqual({ ok: true, value: undefined });
    await invoke('tasks:add-text', { text: otherTaskText() });
    await run(30_000, () => controller.snapshot().tasks[0]?.state === 'done');
    expect(controller.snapshot().tasks[0]?.state).toBe('done');
    expect(demo.platform.confirmations).toHaveLength(0);

    const plain = askingPlatform();
    const loopback = createMemoryStore({ settings: { baseUrl: home.baseUrl, autoDownload: false } });
    await start({ store: loopback, keyStore, platform: plain.platform });
    await run(2_000);
    expect(plain.platform.confirmations).toHaveLength(1);
    expect(home.requests()).toHaveLength(0);
  });

  it('uses a key stored before keys were bound for the public API without asking', async () => {
    // The public API is reached through the home simulator: the app believes it talks to DEFAULT_BASE_URL.
    const toHome: typeof fetch = (input, init) =>
      fetch(String(input instanceof Request ? input.url : input).replace(DEFAULT_BASE_URL, home.baseUrl), init);
    const legacy = createMemoryKeyStore(home.apiKey, 'keychain');
    const { platform } = askingPlatform();
    const { controller } = await start({
      store: createMemoryStore({ settings: { autoDownload: false } }),
      keyStore: legacy,
      platform,
      fetch: toHome,
    });
    await run(5_000, () => controller.snapshot().balance !== undefined);
    expect(controller.snapshot().balance?.credits).toBe(home.balance());
    expect(platform.confirmations).toHaveLength(0);
  });
});
