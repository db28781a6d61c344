// Puts the settings that live outside the window into effect: global shortcuts and clipboard watching.
import type { Settings } from '../../shared/settings';
import { parseTaskInput } from '../../core/input/parse-task-input';
import { watchClipboard } from './clipboard-watch';
import type { Notifier } from './notifier';
import { applyShortcuts, type GlobalShortcutLike } from './shortcuts';

export interface SettingsApplier {
  /** Applies what changed since the last call; the first call applies everything. */
  apply(settings: Settings): void;
  /** The settings last applied (the same object), to skip snapshots whose settings did not change. */
  applied(): Settings | undefined;
  /** Stops the clipboard watch and releases the shortcuts (on quit). */
  stop(): void;
}

export interface SettingsApplierOptions {
  globalShortcut: GlobalShortcutLike;
  readClipboard: () => Promise<string>;
  toggleWindow: () => void;
  addFromClipboard: () => Promise<void>;
  addText: (text: string) => Promise<void>;
  notifier: Notifier;
}

export function createSettingsApplier(options: SettingsApplierOptions): SettingsApplier {
  let applied: Settings | undefined;
  let stopWatchingClipboard: (() => void) | undefined;

  function applyShortcutSettings(settings: Settings): void {
    if (
      settings.shortcutToggleWindow === applied?.shortcutToggleWindow &&
      settings.shortcutAddFromClipboard === applied?.shortcutAddFromClipboard
    ) {
      return;
    }
    const problems = applyShortcuts(options.globalShortcut, [
      { name: 'show or hide the window', accelerator: settings.shortcutToggleWindow, action: options.toggleWindow },
      {
        name: 'add from clipboard',
        accelerator: settings.shortcutAddFromClipboard,
        action: () => void options.addFromClipboard(),
      },
    ]);
    for (const problem of problems) options.notifier.show({ title: 'Shortcut not set', body: problem });
  }

  function applyClipboardWatch(settings: Settings): void {
    if (settings.watchClipboard && !stopWatchingClipboard) {
      stopWatchingClipboard = watchClipboard({
        readText: options.readClipboard,
        // Only text that holds a task is worth a notification; everything else a user copies is none of ours.
        onText: (text) => {
          if (parseTaskInput(text).tasks.length > 0) void options.addText(text);
        },
      });
    } else if (!settings.watchClipboard && stopWatchingClipboard) {
      stopWatchingClipboard();
      stopWatchingClipboard = undefined;
    }
  }

  return {
    apply(settings) {
      applyShortcutSettings(settings);
      applyClipboardWatch(settings);
      applied = settings;
    },
    applied: () => applied,
    stop() {
      stopWatchingClipboard?.();
      stopWatchingClipboard = undefined;
      options.globalShortcut.unregisterAll();
    },
  };
}
