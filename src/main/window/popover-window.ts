// The popover window adapter: created on first use, placed next to the tray, hidden on blur and Escape.
import { BrowserWindow, screen, type Rectangle } from 'electron';
import { attachNavigationGuards } from './navigation-guard';
import { popoverPosition } from './popover-position';
import type { RendererLocation } from './renderer-location';
import { buildWindowOptions } from './window-options';

export interface PopoverOptions {
  preloadPath: string;
  location: RendererLocation;
  trayBounds: () => Rectangle;
  openExternal: (url: string) => void;
  /** Called with the new window so the snapshot push can reach it at once. */
  onCreated?: (window: BrowserWindow) => void;
  devTools?: boolean;
}

export interface Popover {
  toggle(): void;
  /** Shows the window; with a route (`task=<id>` or `settings`) the page scrolls to it. */
  show(route?: string): void;
  hide(): void;
  window(): BrowserWindow | undefined;
}

export function createPopover(options: PopoverOptions): Popover {
  let win: BrowserWindow | undefined;

  function create(): BrowserWindow {
    const created = new BrowserWindow(
      buildWindowOptions({ preloadPath: options.preloadPath, devTools: options.devTools }),
    );
    attachNavigationGuards(created.webContents, {
      location: options.location,
      openExternal: options.openExternal,
    });
    created.on('blur', () => {
      if (!created.webContents.isDevToolsFocused()) created.hide();
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
    // Never file://: the page comes from our app:// handler (or the dev server in development).
    void created.loadURL(options.location.pageUrl);
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
    const { x, y } = popoverPosition(trayBounds, target.getBounds(), workArea);
    target.setPosition(x, y);
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
      else show();
    },
    show,
    hide: () => win?.hide(),
    window: () => win,
  };
}
