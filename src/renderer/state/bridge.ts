// The window's only door to the app: `window.rodin` from the preload (or a test harness), typed by the IPC contract.
import type { IpcChannel, IpcRequest, IpcResponse, IpcResult, RodinBridge } from '../../shared/ipc';

export function getBridge(): RodinBridge | undefined {
  return (window as unknown as { rodin?: RodinBridge }).rodin;
}

/** Calls a channel and never throws: a broken bridge becomes an error result like any other. */
export async function call<C extends IpcChannel>(
  bridge: RodinBridge,
  channel: C,
  request: IpcRequest<C>,
): Promise<IpcResult<IpcResponse<C>>> {
  try {
    return await bridge.invoke(channel, request);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'The app did not answer.';
    return { ok: false, error: { code: 'BRIDGE', message } };
  }
}
