// Adds notices from other adapters (the secret file, the key store fallback) to the ones the store reports.
import type { AppStore } from '../../core/app/types';

export function withNotices(store: AppStore, extra: () => string[]): AppStore {
  return {
    loadSettings: () => store.loadSettings(),
    saveSettings: (settings) => store.saveSettings(settings),
    loadTasks: () => store.loadTasks(),
    saveTasks: (tasks) => store.saveTasks(tasks),
    // Optional on the store: forwarded only when present, so a store without them still reads as without them.
    ...(store.loadSchedulerState ? { loadSchedulerState: () => store.loadSchedulerState?.() } : {}),
    ...(store.saveSchedulerState ? { saveSchedulerState: (state: unknown) => store.saveSchedulerState?.(state) } : {}),
    flush: () => store.flush(),
    notices: () => [...store.notices(), ...extra()],
  };
}
