// Gives a Playwright page a `window.rodin` whose invoke() runs in the test process (real core or a recorder)
// and whose snapshots are pushed from the test process, as the preload would do over IPC.
import type { Page } from '@playwright/test';
import type { IpcResult } from '../../src/shared/ipc';
import type { AppSnapshot } from '../../src/shared/snapshot';

export type InvokeHandler = (channel: string, request: unknown) => Promise<IpcResult<unknown>>;

declare global {
  interface Window {
    __rodinInvoke?: (channel: string, request: unknown) => Promise<IpcResult<unknown>>;
    __rodinPush?: (snapshot: AppSnapshot) => void;
  }
}

/**
 * Runs in the page before any of its scripts: the same shape the preload exposes, nothing more. Kept as source text
 * because transpilers (tsx, esbuild keepNames) decorate functions with helpers the page does not have.
 */
const DEFINE_BRIDGE = `(() => {
  const listeners = new Set();
  const bridge = Object.freeze({
    invoke: (channel, request) => window.__rodinInvoke(channel, request),
    onSnapshot(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  Object.defineProperty(window, 'rodin', { value: bridge, configurable: false, writable: false });
  window.__rodinPush = (snapshot) => {
    for (const l of listeners) l(snapshot);
  };
})();`;

export interface PageBridge {
  /** Sends a snapshot to the page; pushes are serialised so the page sees them in order. */
  push(snapshot: AppSnapshot): Promise<void>;
  /** Resolves once every push so far has reached the page. */
  settled(): Promise<void>;
}

export async function installBridge(page: Page, invoke: InvokeHandler): Promise<PageBridge> {
  await page.exposeBinding('__rodinInvoke', (_source, channel: string, request: unknown) => invoke(channel, request));
  await page.addInitScript({ content: DEFINE_BRIDGE });
  let chain = Promise.resolve();
  const push = (snapshot: AppSnapshot): Promise<void> => {
    chain = chain.then(() => page.evaluate((s) => window.__rodinPush?.(s), snapshot)).catch(() => undefined); // the page may be closing; later pushes must not fail the test
    return chain;
  };
  return { push, settled: () => chain };
}

/** A bridge that answers from a fixed snapshot and records every call: for screenshots of hand-made states and the bench. */
export function recordingInvoke(getSnapshot: () => AppSnapshot): {
  invoke: InvokeHandler;
  calls: { channel: string; request: unknown }[];
} {
  const calls: { channel: string; request: unknown }[] = [];
  const invoke: InvokeHandler = (channel, request) => {
    calls.push({ channel, request });
    if (channel === 'app:get-snapshot') return Promise.resolve({ ok: true, value: getSnapshot() });
    if (channel === 'tasks:remove') return Promise.resolve({ ok: true, value: { undoMs: 10_000 } });
    if (channel === 'tasks:add-text')
      return Promise.resolve({ ok: true, value: { added: [], duplicates: [], rejected: [] } });
    return Promise.resolve({ ok: true, value: undefined });
  };
  return { invoke, calls };
}
