// Wraps an IPC handler so it only ever sees a payload that passed its channel's schema.
import type { z } from 'zod';
import type { IpcChannel, IpcRequest, IpcResponse } from '../../shared/ipc';
import type { Settings } from '../../shared/settings';
import { AppError } from './app-error';
import { ipcSchemas } from './ipc-schemas';

export type Handler<C extends IpcChannel> = (request: IpcRequest<C>) => Promise<IpcResponse<C>>;

/** Validates the payload against the channel's schema before the handler sees it. */
export function validatedHandler<C extends IpcChannel>(
  channel: C,
  run: (request: z.output<(typeof ipcSchemas)[C]>, raw: unknown) => Promise<IpcResponse<C>> | IpcResponse<C>,
): Handler<C> {
  const schema = ipcSchemas[channel] as z.ZodType;
  return async (request) => {
    const parsed = schema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
      throw new AppError('INVALID_PAYLOAD', `The request was not understood${where}: ${issue?.message ?? 'invalid'}.`);
    }
    return run(parsed.data as z.output<(typeof ipcSchemas)[C]>, request);
  };
}

/** zod's `.partial()` keeps field defaults, so a parsed patch holds every field: keep only those actually sent. */
export function onlyGiven(patch: Partial<Settings>, raw: unknown): Partial<Settings> {
  const given = raw && typeof raw === 'object' ? Object.keys(raw) : [];
  return Object.fromEntries(Object.entries(patch).filter(([name]) => given.includes(name)));
}
