// Wires every IPC channel to the controller: only our own page may call, and answers are results, never throws.
import { IPC_CHANNELS, SNAPSHOT_CHANNEL, type IpcHandlers, type IpcResult } from '../../shared/ipc';
import type { AppSnapshot } from '../../shared/snapshot';
import { wrapHandlers } from '../../core/app/ipc-result';

/** What an `ipcMain.handle` listener gets as its event; the frame URL is what we check. */
export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, request: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export const FORBIDDEN_SENDER: IpcResult<never> = {
  ok: false,
  error: { code: 'FORBIDDEN_SENDER', message: 'This page is not allowed to talk to Rodin Tray.' },
};

export interface RegisterIpcOptions {
  ipcMain: IpcMainLike;
  handlers: IpcHandlers;
  /** True only for the URL of our renderer page (see renderer-location.ts). */
  isTrustedUrl: (url: string | undefined) => boolean;
  onError?: (channel: string, error: unknown) => void;
}

/** Registers one handler per channel; returns a function that removes them all. */
export function registerIpcHandlers(options: RegisterIpcOptions): () => void {
  const invoke = wrapHandlers(options.handlers, options.onError);
  for (const channel of IPC_CHANNELS) {
    options.ipcMain.handle(channel, async (event, request) => {
      // A frame that navigated away, an iframe or a second window must not reach the controller.
      if (!options.isTrustedUrl(event.senderFrame?.url)) return FORBIDDEN_SENDER;
      return invoke(channel, request as never);
    });
  }
  return () => {
    for (const channel of IPC_CHANNELS) options.ipcMain.removeHandler(channel);
  };
}

export interface SnapshotTarget {
  isDestroyed(): boolean;
  send(channel: string, snapshot: AppSnapshot): void;
}

/** Pushes each new snapshot to the window, if there is one; a window created later asks for the current one. */
export function forwardSnapshots(
  subscribe: (listener: (snapshot: AppSnapshot) => void) => () => void,
  target: () => SnapshotTarget | undefined,
): () => void {
  return subscribe((snapshot) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(SNAPSHOT_CHANNEL, snapshot);
  });
}
