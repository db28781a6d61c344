// The popover window adapter: created on first use, placed next to the tray, hidden on blur and Escape, recreated
// when its renderer crashes.
import { BrowserWindow, screen, type Rectangle } from 'electron';
import { attachNavigationGuards } from './navigation-guard';
import { popoverPosition } from './popover-position';
import type { RendererLocation } from './renderer-location';
import { isClickAfterBlurHide, rendererRecovery } from './popover-behaviour';
import { buildWindowOptions, POPOVER_SIZE } from './window-options';

export interface PopoverOptions {
  preloadPath: string;
  rendererIndexPath: string;
  location: RendererLocation;
  trayBounds: () => Rectangle;
  openExternal: (url: string) => void;
  /** Called with the new window so the snapshot push can reach it at once. */
  onCreated?: (window: BrowserWindow) => void;
  devTools?: boolean;
  platform?: NodeJS.Platform;
  /** Says what happened when the renderer process ended (the logger in the app). */
  log?: (message: string) => void;
  now?: () => number;
}

export interface Popover {
  toggle(): void;
  /** Shows the window; with a route (`task=<id>` or `settings`) the page scrolls to it. */
  show(route?: string): void;
  hide(): void;
  window(): BrowserWindow | undefined;
}

export function createPopover(options: PopoverOptions): Popover {
  const now = options.now ?? Date.now;
  let win: BrowserWindow | undefined;
  let hiddenByBlurAt: number | undefined;
  let recreatedAt: number | undefined;

  function create(): BrowserWindow {
    const created = new BrowserWindow(
      buildWindowOptions({ preloadPath: options.preloadPath, devTools: options.devTools }),
    );
    attachNavigationGuards(created.webContents, {
      location: options.location,
      openExternal: options.openExternal,
    });
    if (options.platform === 'darwin') {
      // Over full-screen apps and on the current Space; an LSUIElement app needs no process-type switch (which would
      // flash the Dock).
      created.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
    }
    created.on('blur', () => {
      if (created.webContents.isDevToolsFocused()) return;
      created.hide();
      hiddenByBlurAt = now();
    });
    created.webContents.on('render-process-gone', (_event, details) => {
      // A dead renderer leaves a blank window until restart: replace it, but not in a crash loop.
      const wasVisible = created.isVisible();
      const action = rendererRecovery(details.reason, recreatedAt, now());
      win = undefined;
      created.destroy();
      if (action === 'recreate' && wasVisible) {
        recreatedAt = now();
        show();
      }
      options.log?.(
        `The window's renderer ended (${details.reason}); ${
          action === 'recreate' && wasVisible ? 'the window was reopened' : 'it will reopen when next shown'
        }.`,
      );
    });
    created.webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && input.key === 'Escape') {
        event.preventDefault();
        created.hide();
      }
    });
    created.on('closed', () => {
      win = undefined;
    });
    if (options.location.devServerUrl) void created.loadURL(options.location.devServerUrl);
    else void created.loadFile(options.rendererIndexPath);
    options.onCreated?.(created);
    return created;
  }

  function place(target: BrowserWindow): void {
    const trayBounds = options.trayBounds();
    const point = {
      x: Math.round(trayBounds.x + trayBounds.width / 2),
      y: Math.round(trayBounds.y + trayBounds.height / 2),
    };
    const { workArea } =
      trayBounds.width || trayBounds.height ? screen.getDisplayNearestPoint(point) : screen.getPrimaryDisplay();
    const { x, y } = popoverPosition(trayBounds, POPOVER_SIZE, workArea);
    // setBounds with the size, not setPosition: moving to a monitor with another scale factor keeps the size then.
    target.setBounds({ x, y, width: POPOVER_SIZE.width, height: POPOVER_SIZE.height });
  }

  function show(route?: string): void {
    win ??= create();
    place(win);
    win.show();
    win.focus();
    // The page routes on its hash (hashchange); a route id is hex or a fixed word, never user text.
    if (route && /^[a-z]+(=[A-Za-z0-9_-]+)?$/.test(route)) {
      void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(route)}`).catch(() => undefined);
    }
  }

  return {
    toggle() {
      if (win?.isVisible()) win.hide();
      // Clicking the tray icon blurs the open window first, which hides it; that click must not reopen it.
      else if (!isClickAfterBlurHide(hiddenByBlurAt, now())) show();
    },
    show,
    hide: () => win?.hide(),
    window: () => win,
  };
}
