// The one place every BrowserWindow's options come from, so the security baseline cannot be forgotten on a window.
import type { BrowserWindowConstructorOptions } from 'electron';

export const POPOVER_SIZE = { width: 380, height: 560 } as const;

export interface WindowOptionsInput {
  preloadPath: string;
  /** Background while the page loads, to avoid a white flash in dark mode. */
  dark?: boolean;
  devTools?: boolean;
}

export function buildWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: POPOVER_SIZE.width,
    height: POPOVER_SIZE.height,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    backgroundColor: input.dark ? '#1f2937' : '#ffffff',
    title: 'Rodin Tray',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: input.devTools ?? false,
    },
  };
}
