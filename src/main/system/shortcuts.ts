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
