import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRodinClient } from '../../../src/core/rodin/client';
import { describeError } from '../../../src/core/rodin/describe-error';
import { RodinError } from '../../../src/core/rodin/errors';
import type { RodinClient } from '../../../src/core/rodin/types';
import { startSimulator, type SimFault, type Simulator } from '../../../src/core/sim/simulator';

const KEY = 'rk_live_ZEBRA-7f3q9-DISTINCTIVE-key-4242';

let sim: Simulator;
let closedPort: number;

const clientFor = (baseUrl: string, key = KEY, timeoutMs = 2_000): RodinClient =>
  createRodinClient({ baseUrl, fetch: globalThis.fetch, getApiKey: () => key, timeoutMs });

beforeAll(async () => {
  sim = await startSimulator({ apiKey: KEY });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await sim.stop();
});

async function failureOf(call: () => Promise<unknown>): Promise<RodinError> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(RodinError);
    return error as RodinError;
  }
  throw new Error('expected a failure');
}

describe('the API key never leaks into errors', () => {
  const faults: [string, SimFault][] = [
    ['401', { kind: 'unauthorized' }],
    ['429', { kind: 'rate-limited', retryAfterSeconds: 3 }],
    ['500 HTML', { kind: 'server-error-html' }],
    ['HTML page', { kind: 'html-page' }],
    ['malformed JSON', { kind: 'malformed-json' }],
    ['wrong shape', { kind: 'wrong-shape' }],
    ['error in 201', { kind: 'error-in-201', code: 'API_PERMISSION_DENIED' }],
    ['UNAUTHORIZED in 201', { kind: 'error-in-201', code: 'UNAUTHORIZED' }],
    ['slow', { kind: 'slow', delayMs: 3_000 }],
  ];

  it.each(faults)('keeps the key out of a %s failure', async (_name, fault) => {
    sim.setFault({ ...fault, times: 1 });
    const error = await failureOf(() => clientFor(sim.baseUrl, KEY, 200).status('eyJhbGciOiJIUzI1NiJ9.e30.sig'));
    expect(error.message).not.toContain(KEY);
    expect(String(error)).not.toContain(KEY);
    expect(error.stack ?? '').not.toContain(KEY);
    expect(JSON.stringify(error)).not.toContain(KEY);
    expect(describeError(error)).not.toContain(KEY);
  });

  it('keeps the key out of every other error type too (service, network, wrong key, bad key text)', async () => {
    const errors = [
      await failureOf(() => clientFor(sim.baseUrl).downloadList('no-such-task')),
      await failureOf(() => clientFor(`http://127.0.0.1:${closedPort}/api`).checkBalance()),
      await failureOf(() => clientFor(sim.baseUrl, `${KEY}-wrong`).checkBalance()),
      await failureOf(() => clientFor(sim.baseUrl, `${KEY}\nX-Evil: 1`).checkBalance()),
      await failureOf(() => clientFor(`${new URL(sim.baseUrl).origin}/nope`).checkBalance()),
      await failureOf(() => {
        sim.setBalance(0);
        return clientFor(sim.baseUrl).generate({ prompt: 'a vase' });
      }),
      await failureOf(() => clientFor(sim.baseUrl).generate({})),
    ];
    expect(new Set(errors.map((e) => e.kind))).toEqual(new Set(['service', 'transient', 'auth', 'usage']));
    for (const error of errors) {
      for (const text of [error.message, String(error), error.stack ?? '', describeError(error)]) {
        expect(text).not.toContain(KEY);
      }
    }
  });
});
