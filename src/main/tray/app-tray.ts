// The tray icon adapter: icon, tooltip, title and context menu follow each snapshot; clicks become TrayActions.
import { Menu, nativeImage, nativeTheme, Tray, type MenuItemConstructorOptions, type Rectangle } from 'electron';
import { join } from 'node:path';
import type { AppSnapshot } from '../../shared/snapshot';
import { buildTrayMenu, type TrayAction, type TrayMenuItem } from './tray-menu';
import { trayIconFile, trayIconState, trayIconVariant, trayTitle, trayTooltip } from './tray-state';

export function toElectronTemplate(
  items: readonly TrayMenuItem[],
  dispatch: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    const { action } = item;
    return {
      label: item.label ?? '',
      enabled: item.enabled ?? true,
      ...(item.submenu ? { submenu: toElectronTemplate(item.submenu, dispatch) } : {}),
      ...(action ? { click: () => dispatch(action) } : {}),
    };
  });
}

export interface AppTrayOptions {
  assetsDir: string;
  platform: NodeJS.Platform;
  onAction: (action: TrayAction) => void;
  /** Left click (macOS, Windows) or the tray's activation (Linux StatusNotifierItem): toggle the window. */
  onClick: () => void;
  /** Test hook: sees the menu data each time it is rebuilt. */
  onMenu?: (items: TrayMenuItem[]) => void;
}

export interface AppTray {
  update(snapshot: AppSnapshot): void;
  bounds(): Rectangle;
  destroy(): void;
}

export function createAppTray(options: AppTrayOptions): AppTray {
  const { platform } = options;
  let snapshot: AppSnapshot | undefined;
  let iconPath = '';
  let menuKey = '';
  let menu: Menu | undefined;

  const iconFor = (current: AppSnapshot | undefined) => {
    const state = current ? trayIconState(current) : 'idle';
    const variant = trayIconVariant(platform, nativeTheme);
    return join(options.assetsDir, 'tray', trayIconFile(state, variant, platform));
  };

  const loadIcon = (path: string) => {
    // createFromPath picks up the "@2x" sibling itself; "Template" in the name makes macOS tint it.
    const image = nativeImage.createFromPath(path);
    if (platform === 'darwin') image.setTemplateImage(true);
    return image;
  };

  iconPath = iconFor(undefined);
  const tray = new Tray(loadIcon(iconPath));
  tray.setToolTip('Rodin Tray');

  // On Linux Electron reports the StatusNotifierItem's activation (KDE, XFCE, GNOME's AppIndicator extension) as a
  // click; trays that only show the menu never send one, so the menu below holds "Show window" too.
  tray.on('click', () => options.onClick());
  if (platform !== 'linux') {
    // With a context menu set, macOS opens it on any click; popping it up ourselves keeps left click for the window.
    tray.on('right-click', () => {
      if (menu) tray.popUpContextMenu(menu);
    });
  }

  function refreshIcon(): void {
    const next = iconFor(snapshot);
    if (next === iconPath) return;
    iconPath = next;
    tray.setImage(loadIcon(next));
  }

  const onTheme = () => refreshIcon();
  nativeTheme.on('updated', onTheme);

  return {
    update(next) {
      snapshot = next;
      refreshIcon();
      tray.setToolTip(trayTooltip(next));
      if (platform === 'darwin') tray.setTitle(trayTitle(next));
      const items = buildTrayMenu(next);
      const key = JSON.stringify(items);
      if (key === menuKey) return;
      menuKey = key;
      menu = Menu.buildFromTemplate(toElectronTemplate(items, options.onAction));
      // Linux (AppIndicator) only shows a menu that was set, and only picks up changes when it is set again.
      if (platform === 'linux') tray.setContextMenu(menu);
      options.onMenu?.(items);
    },
    bounds: () => tray.getBounds(),
    destroy() {
      nativeTheme.removeListener('updated', onTheme);
      tray.destroy();
    },
  };
}
