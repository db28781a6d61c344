import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../src/core/app/app-error';
import { wrapHandlers } from '../../../src/core/app/ipc-result';
import { AuthError } from '../../../src/core/rodin/errors';
import type { IpcHandlers } from '../../../src/shared/ipc';

function handlersThatThrow(error: unknown): IpcHandlers {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- real handlers may throw a ZodError or anything
  const throwing = (): Promise<never> => Promise.reject(error);
  return new Proxy({} as IpcHandlers, { get: () => throwing });
}

describe('wrapHandlers', () => {
  it('returns the value of a handler that succeeds', async () => {
    const handlers = new Proxy({} as IpcHandlers, { get: () => () => Promise.resolve({ balance: 3 }) });
    await expect(wrapHandlers(handlers)('balance:refresh', undefined)).resolves.toEqual({
      ok: true,
      value: { balance: 3 },
    });
  });

  it('turns a typed error into its code and message', async () => {
    const invoke = wrapHandlers(handlersThatThrow(new AppError('NOT_FOUND', 'No such task.')));
    await expect(invoke('tasks:remove', { id: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such task.' },
    });
  });

  it('turns a schema failure into INVALID_PAYLOAD', async () => {
    const zodError = z.object({ id: z.string() }).safeParse({ id: 3 }).error;
    const result = await wrapHandlers(handlersThatThrow(zodError))('tasks:remove', { id: 'x' });
    expect(result.ok === false && result.error.code).toBe('INVALID_PAYLOAD');
  });

  it('shows a Rodin error as its human sentence', async () => {
    const result = await wrapHandlers(handlersThatThrow(new AuthError('raw server text')))('key:clear', undefined);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('UNAUTHORIZED');
      expect(result.error.message).not.toContain('raw server text');
    }
  });

  it('hides the message of an unexpected error', async () => {
    const result = await wrapHandlers(handlersThatThrow(new Error('secret internals')))('key:clear', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) as string } });
    expect(JSON.stringify(result)).not.toContain('secret internals');
  });

  it('refuses an unknown channel', async () => {
    const invoke = wrapHandlers(handlersThatThrow(new Error('x'))) as (c: string, r: unknown) => Promise<unknown>;
    await expect(invoke('nope', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});
