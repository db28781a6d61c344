import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppController } from '../../../src/core/app/app-controller';
import { wrapHandlers } from '../../../src/core/app/ipc-result';
import {
  createMemoryKeyStore,
  createMemoryStore,
  createRecordingPlatform,
} from '../../support/memory-adapters';
import type { AppController } from '../../../src/core/app/types';
import { createFakeClock, type FakeClock } from '../../support/fake-clock';
import { startSimulator, type Simulator } from '../../../src/core/sim/simulator';
import { solidPng } from '../../fixtures/images';

let clock: FakeClock;
let sim: Simulator;
let controller: AppController;
let store: ReturnType<typeof createMemoryStore>;
let invoke: ReturnType<typeof wrapHandlers>;
let attempt = 0;

const nextAttempt = () => `attempt-${++attempt}-0000`;
const generations = () => sim.requests().filter((r) => r.path === '/v2/rodin');
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeEach(async () => {
  clock = createFakeClock(1_700_000_000_000);
  sim = await startSimulator({ now: () => clock.now(), balance: 10 });
  controller = await createAppController({
    clock,
    fetch,
    // Verified against the simulator, as a key saved in Settings while it was the API host.
    keyStore: createMemoryKeyStore(sim.apiKey, 'memory', sim.baseUrl),
    store: (store = createMemoryStore({ settings: { baseUrl: sim.baseUrl } })),
    platform: createRecordingPlatform({ downloadRoot: '/nonexistent' }),
  });
  invoke = wrapHandlers(controller.handlers);
});

afterEach(async () => {
  await controller.shutdown();
  await sim.stop();
});

describe('generation:submit', () => {
  it('submits once, adds the task with its label and tier, remembers the choices and refreshes the balance', async () => {
    const result = await invoke('generation:submit', {
      attemptId: nextAttempt(),
      params: {
        prompt: 'a brass lantern\nwith a handle',
        tier: 'Sketch',
        geometryFileFormat: 'fbx',
        material: 'Shaded',
      },
    });
    expect(result.ok).toBe(true);
    const value = result.ok ? result.value : undefined;
    expect(value?.label).toBe('a brass lantern');
    expect(controller.snapshot().tasks.find((t) => t.id === value?.id)?.label).toBe('a brass lantern');
    expect(controller.snapshot().settings).toMatchObject({
      generationTier: 'Sketch',
      generationFormat: 'fbx',
      generationMaterial: 'Shaded',
    });
    // The refresh is a real HTTP call after the answer: wait for it rather than for a fixed time (busy machines).
    await expect.poll(() => controller.snapshot().balance?.credits, { timeout: 5_000 }).toBe(9.5);
    expect(generations()).toHaveLength(1);
    // The tier travels with the task so the scheduler can expect its duration.
    await controller.shutdown();
    expect(store.loadTasks()).toEqual([expect.objectContaining({ label: 'a brass lantern', tier: 'Sketch' })]);
  });

  it('labels an image-only generation by its first image', async () => {
    const result = await invoke('generation:submit', {
      attemptId: nextAttempt(),
      params: { images: [{ name: 'teapot.png', type: 'image/png', data: solidPng([9, 9, 9]) }] },
    });
    expect(result.ok && result.value.label).toBe('teapot.png');
    expect(sim.submissions()[0]?.files.map((f) => f.name)).toEqual(['teapot.png']);
  });

  it('refuses a second submission while one is on its way, and a repeated attempt id: one request, one charge', async () => {
    sim.setFault({ kind: 'slow', delayMs: 300, paths: ['/v2/rodin'], times: 1 });
    const params = { prompt: 'a chair' };
    const first = invoke('generation:submit', { attemptId: nextAttempt(), params });
    await settle();
    const second = await invoke('generation:submit', { attemptId: nextAttempt(), params });
    expect(second).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    const done = await first;
    expect(done.ok).toBe(true);
    const again = 'attempt-repeat-0000';
    expect((await invoke('generation:submit', { attemptId: again, params })).ok).toBe(true);
    expect(await invoke('generation:submit', { attemptId: again, params })).toMatchObject({
      ok: false,
      error: { code: 'ALREADY_SUBMITTED' },
    });
    expect(generations()).toHaveLength(2);
    expect(sim.balance()).toBe(9);
  });

  it('says what is wrong with the request and sends nothing', async () => {
    const result = await invoke('generation:submit', { attemptId: nextAttempt(), params: { tier: 'Sketch' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'USAGE' } });
    expect(!result.ok && result.error.message).toContain('Write a prompt or add an image');
    expect(generations()).toHaveLength(0);
  });

  it('maps a refusal in a 201 body to its sentence and adds no task', async () => {
    sim.setBalance(0);
    const result = await invoke('generation:submit', { attemptId: nextAttempt(), params: { prompt: 'a vase' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_FUNDS' } });
    expect(!result.ok && result.error.message).toContain('does not have enough credits');
    expect(controller.snapshot().tasks).toHaveLength(0);
  });

  it('reports "submitted, outcome unknown" with advice when the answer cannot be read, and does not retry', async () => {
    sim.setFault({ kind: 'malformed-json', paths: ['/v2/rodin'], times: 1 });
    const result = await invoke('generation:submit', { attemptId: nextAttempt(), params: { prompt: 'a vase' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'SUBMITTED_UNKNOWN' } });
    expect(!result.ok && result.error.message).toContain('before submitting again');
    await settle();
    expect(generations()).toHaveLength(1);
  });

  it.each([
    ['image bytes that are not bytes', { images: [{ name: 'a.png', type: 'image/png', data: [1, 2, 3] }] }],
    ['a type that is not an image', { images: [{ name: 'a.svg', type: 'image/svg+xml', data: new Uint8Array(4) }] }],
    [
      'an image over 10 MB',
      { images: [{ name: 'a.png', type: 'image/png', data: new Uint8Array(10 * 1024 * 1024 + 1) }] },
    ],
    [
      'six images',
      { images: Array.from({ length: 6 }, () => ({ name: 'a.png', type: 'image/png', data: solidPng([1, 1, 1]) })) },
    ],
    ['a path to read', { prompt: 'x', imagePaths: ['/etc/passwd'] }],
  ])('refuses a payload with %s before anything else', async (_what, params) => {
    const result = await invoke('generation:submit', { attemptId: nextAttempt(), params } as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(generations()).toHaveLength(0);
  });
});

describe('drafts from the clipboard', () => {
  it('offers a clipboard image as the first image and clipboard text as the prompt, once', () => {
    const png = solidPng([200, 10, 10]);
    expect(controller.draftGenerationFromClipboard({ text: '  a red cube ', image: png })).toBeUndefined();
    expect(controller.handlers['generation:take-draft']).toBeDefined();
    return invoke('generation:take-draft', undefined).then(async (taken) => {
      expect(taken).toEqual({
        ok: true,
        value: { prompt: 'a red cube', images: [{ name: 'clipboard.png', type: 'image/png', data: png }] },
      });
      expect(await invoke('generation:take-draft', undefined)).toEqual({ ok: true, value: null });
    });
  });

  it('says so when the clipboard holds nothing usable', () => {
    expect(controller.draftGenerationFromClipboard({ text: '   ' })).toMatch(/no text or image/);
    expect(controller.draftGenerationFromClipboard({ text: '', imageTooLarge: true })).toMatch(
      /larger than 10 MB/,
    );
  });

  it('cuts a long text to the prompt limit and says so', async () => {
    controller.draftGenerationFromClipboard({ text: 'x'.repeat(2000) });
    const taken = await invoke('generation:take-draft', undefined);
    expect(taken.ok && taken.value?.prompt?.length).toBe(1024);
    expect(taken.ok && taken.value?.note).toMatch(/cut to the prompt's 1024 characters/);
  });
});
