import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRodinClient } from '../../../src/core/rodin/client';
import { describeError } from '../../../src/core/rodin/describe-error';
import { OutcomeUnknownError, ServiceError, TransientError, UsageError } from '../../../src/core/rodin/errors';
import type { RodinClient } from '../../../src/core/rodin/types';
import { startSimulator, type Simulator } from '../../../src/core/sim/simulator';
import { caught } from '../../support/caught';
import { JPEG_START, solidPng } from '../../fixtures/images';

let sim: Simulator;
let time: number;
let client: RodinClient;

const makeClient = (overrides: Partial<Parameters<typeof createRodinClient>[0]> = {}) =>
  createRodinClient({ baseUrl: sim.baseUrl, fetch: globalThis.fetch, getApiKey: () => sim.apiKey, ...overrides });
const generations = () => sim.requests().filter((r) => r.path === '/v2/rodin');

beforeEach(async () => {
  time = 1_700_000_000_000;
  sim = await startSimulator({ now: () => time });
  client = makeClient();
});

afterEach(async () => {
  await sim.stop();
});

describe('RodinClient.generate', () => {
  it('sends every field as multipart, images in order, arrays as JSON strings, read back by the simulator', async () => {
    sim.setBalance(10);
    const red = solidPng([220, 40, 40]);
    const submitted = await client.generate({
      prompt: '  a wooden chair  ',
      images: [
        { name: 'front.png', type: 'image/png', data: red },
        { name: 'side.jpg', type: 'image/jpeg', data: JPEG_START },
      ],
      tier: 'Sketch',
      geometryFileFormat: 'usdz',
      material: 'Shaded',
      quality: 'low',
      qualityOverride: 5000,
      meshMode: 'Quad',
      seed: 42,
      conditionMode: 'fuse',
      TAPose: true,
      useOriginalAlpha: false,
      previewRender: true,
      bboxCondition: [1, 2, 3],
      addons: ['HighPack'],
    });
    expect(submitted.subscriptionKey).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(submitted.message).toBe('Submitted.');
    const [submission] = sim.submissions();
    expect(submission?.fields).toEqual({
      prompt: 'a wooden chair',
      tier: 'Sketch',
      geometry_file_format: 'usdz',
      material: 'Shaded',
      quality: 'low',
      quality_override: '5000',
      mesh_mode: 'Quad',
      seed: '42',
      condition_mode: 'fuse',
      TAPose: 'true',
      use_original_alpha: 'false',
      preview_render: 'true',
      bbox_condition: '[1,2,3]',
      addons: '["HighPack"]',
    });
    expect(submission?.files).toEqual([
      { field: 'images', name: 'front.png', type: 'image/png', size: red.byteLength },
      { field: 'images', name: 'side.jpg', type: 'image/jpeg', size: JPEG_START.byteLength },
    ]);
    expect(sim.balance()).toBe(8.5);
    const task = sim.tasks().find((t) => t.taskUuid === submitted.taskUuid);
    expect(task).toMatchObject({ tier: 'Sketch', label: 'a wooden chair' });
    expect((await client.status(submitted.subscriptionKey)).jobs.length).toBe(submitted.jobUuids.length);
  });

  it('sends only what was chosen: a bare prompt is one field', async () => {
    await client.generate({ prompt: 'a vase', addons: [] });
    expect(sim.submissions()[0]).toEqual({ fields: { prompt: 'a vase' }, files: [] });
  });

  it('refuses invalid parameters with every problem named, before any request', async () => {
    const error = await caught(
      client.generate({
        images: Array.from({ length: 6 }, (_, i) => ({
          name: `${i}.png`,
          type: 'image/png',
          data: solidPng([0, 0, 0]),
        })),
        tier: 'Gen-9',
        seed: 70_000,
      }),
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain('At most 5 images');
    expect((error as Error).message).toContain('Tier "Gen-9" is not known');
    expect((error as Error).message).toContain('seed must be a whole number from 0 to 65535');
    expect(sim.requests()).toHaveLength(0);
  });

  it.each([
    ['INSUFFICIENT_FUNDS', () => sim.setBalance(0.25)],
    ['PARALLELISM_LIMIT_REACHED', () => sim.setFault({ kind: 'error-in-201', code: 'PARALLELISM_LIMIT_REACHED' })],
    ['INVALID_REQUEST', () => sim.setFault({ kind: 'error-in-201', code: 'INVALID_REQUEST' })],
  ])('maps %s in a 201 body to a ServiceError with its sentence, after exactly one request', async (code, arrange) => {
    arrange();
    const error = await caught(client.generate({ prompt: 'a vase' }));
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).code).toBe(code);
    expect(describeError(error)).not.toContain(code);
    expect(describeError(error).length).toBeGreaterThan(30);
    expect(generations()).toHaveLength(1);
  });

  it('leaves the balance alone when the service refuses', async () => {
    sim.setBalance(0.25);
    await caught(client.generate({ prompt: 'a vase' }));
    expect(sim.balance()).toBe(0.25);
    expect(sim.tasks()).toHaveLength(0);
  });

  it('says "submitted, outcome unknown" on a timeout, with advice, and does not try again', async () => {
    sim.setFault({ kind: 'slow', delayMs: 5_000 });
    const error = await caught(makeClient({ generateTimeoutMs: 200 }).generate({ prompt: 'a vase' }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).after).toBe('TIMEOUT');
    expect(describeError(error)).toMatch(/not known whether the task was started.*before submitting again/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(generations()).toHaveLength(1);
  });

  it('treats a server error and an unreadable 2xx as outcome unknown too', async () => {
    sim.setFault({ kind: 'server-error-html', times: 1 });
    expect(await caught(client.generate({ prompt: 'a' }))).toBeInstanceOf(OutcomeUnknownError);
    sim.setFault({ kind: 'malformed-json', times: 1 });
    const error = await caught(client.generate({ prompt: 'b' }));
    expect((error as OutcomeUnknownError).after).toBe('PROTOCOL');
    expect(generations()).toHaveLength(2);
  });

  it('knows nothing was sent when the connection was refused', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await caught(makeClient({ baseUrl: `http://127.0.0.1:${port}/api` }).generate({ prompt: 'a' }));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('NETWORK');
  });

  it('treats a connection dropped mid-request as outcome unknown', async () => {
    // A server that reads the upload and then hangs up without answering, as a crashing backend would.
    const server: Server = createServer((req) => {
      req.resume();
      req.on('end', () => req.socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await caught(makeClient({ baseUrl: `http://127.0.0.1:${port}/api` }).generate({ prompt: 'a' }));
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect((error as OutcomeUnknownError).after).toBe('NETWORK');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
