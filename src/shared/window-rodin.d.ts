// The type of window.rodin, which the preload exposes (src/preload/bridge.ts) and the renderer uses.
import type { RodinBridge } from './ipc';

declare global {
  interface Window {
    readonly rodin: RodinBridge;
  }
}
