// Turns the controller's throwing handlers into IPC results ({ ok, value } / { ok: false, error }) that cross the bridge.
import { ZodError } from 'zod';
import { isIpcChannel } from '../../shared/ipc';
import { RodinError } from '../rodin/errors';
import { describeError } from '../rodin/describe-error';
import type { IpcChannel, IpcError, IpcHandlers, IpcRequest, IpcResponse, IpcResult } from '../../shared/ipc';

export type InvokeFn = <C extends IpcChannel>(channel: C, request: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>;

/** Maps anything thrown to `{ code, message }`; unknown errors get a generic sentence so internals never leak. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof ZodError) {
    return { code: 'INVALID_PAYLOAD', message: describeZodError(error) };
  }
  // Rodin messages may come from the network: only the describeError sentence is shown.
  if (error instanceof RodinError) return { code: error.code, message: describeError(error) };
  if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') {
    return { code: (error as Error & { code: string }).code, message: error.message };
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Rodin Tray; see the log for details.' };
}

export function describeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request was not understood.';
  const where = first.path.length > 0 ? ` (${first.path.join('.')})` : '';
  return `The request was not understood${where}: ${first.message}`;
}

/** One entry point for main's ipcMain.handle and for test harnesses: channel + request in, result out, never throws. */
export function wrapHandlers(handlers: IpcHandlers, onError?: (channel: string, error: unknown) => void): InvokeFn {
  const invoke = async (channel: unknown, request: unknown): Promise<IpcResult<unknown>> => {
    if (!isIpcChannel(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'That action does not exist.' } };
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      const value = await handler(request);
      return { ok: true, value };
    } catch (error) {
      onError?.(channel, error);
      return { ok: false, error: toIpcError(error) };
    }
  };
  return invoke as InvokeFn;
}
