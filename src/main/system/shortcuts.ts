// Global shortcuts from the settings; returns a sentence for each one another app already holds.
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregisterAll(): void;
}

export interface ShortcutBinding {
  name: string;
  accelerator: string;
  action: () => void;
}

export function applyShortcuts(globalShortcut: GlobalShortcutLike, bindings: readonly ShortcutBinding[]): string[] {
  globalShortcut.unregisterAll();
  const problems: string[] = [];
  for (const binding of bindings) {
    if (!binding.accelerator.trim()) continue;
    let registered = false;
    try {
      registered = globalShortcut.register(binding.accelerator, binding.action);
    } catch {
      // An accelerator Electron cannot parse throws; to the user it is the same: the shortcut does not work.
      registered = false;
    }
    if (!registered) {
      problems.push(`The shortcut ${binding.accelerator} (${binding.name}) could not be set: another app may use it.`);
    }
  }
  return problems;
}

/**
 * On Wayland an app cannot grab keys itself; Chromium's GlobalShortcutsPortal asks the desktop (KDE Plasma, GNOME 48+,
 * Hyprland) through xdg-desktop-portal instead, which may show its own dialog the first time. On X11 it is unused.
 * Must be called before the app is ready (https://www.electronjs.org/docs/latest/api/global-shortcut).
 */
export function enableShortcutsPortal(
  commandLine: { appendSwitch(name: string, value?: string): void },
  platform: NodeJS.Platform,
): void {
  if (platform === 'linux') commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
}
