// Switches for tests and development, read from the environment; a packaged app ignores every one of them.
import { resolve } from 'node:path';

export interface DevSwitches {
  /** RODIN_TRAY_USER_DATA: tests and side-by-side runs use their own folder. */
  userData?: string;
  /** RODIN_TRAY_TEST_HOOKS=1: exposes what the end-to-end spec reads (notifications, tray menu, snapshot). */
  testHooks: boolean;
  /** ELECTRON_RENDERER_URL: electron-vite's dev server, for hot reload in development. */
  rendererUrl?: string;
}

/** In a packaged app these would let anyone who can set an environment variable redirect or observe it. */
export function readDevSwitches(env: NodeJS.ProcessEnv, isPackaged: boolean): DevSwitches {
  if (isPackaged) return { testHooks: false };
  return {
    ...(env.RODIN_TRAY_USER_DATA ? { userData: resolve(env.RODIN_TRAY_USER_DATA) } : {}),
    testHooks: env.RODIN_TRAY_TEST_HOOKS === '1',
    ...(env.ELECTRON_RENDERER_URL ? { rendererUrl: env.ELECTRON_RENDERER_URL } : {}),
  };
}
