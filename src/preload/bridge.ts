// Builds window.rodin from the IPC contract: invoke on listed channels only, and a snapshot subscription.
import { isIpcChannel, SNAPSHOT_CHANNEL, type IpcResult, type RodinBridge } from '../shared/ipc';
import type { AppSnapshot } from '../shared/snapshot';

/** The part of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const UNKNOWN_CHANNEL: IpcResult<never> = {
  ok: false,
  error: { code: 'UNKNOWN_CHANNEL', message: 'That action does not exist.' },
};

export function createBridge(ipc: IpcRendererLike): RodinBridge {
  const bridge: RodinBridge = {
    invoke(channel, request) {
      // The page is untrusted input too: a made-up channel never reaches ipcRenderer.
      if (!isIpcChannel(channel)) return Promise.resolve(UNKNOWN_CHANNEL);
      return ipc.invoke(channel, request) as ReturnType<RodinBridge['invoke']>;
    },
    onSnapshot(listener) {
      // The IPC event (with its sender) stays here; the page gets the plain snapshot only.
      const relay = (_event: unknown, snapshot: unknown) => listener(snapshot as AppSnapshot);
      ipc.on(SNAPSHOT_CHANNEL, relay);
      return () => {
        ipc.removeListener(SNAPSHOT_CHANNEL, relay);
      };
    },
  };
  return Object.freeze(bridge);
}
