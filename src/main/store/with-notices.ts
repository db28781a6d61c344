// Adds notices from other adapters (the secret file, the key store fallback) to the ones the store reports.
import type { AppStore } from '../../core/app/types';

export function withNotices(store: AppStore, extra: () => string[]): AppStore {
  return {
    loadSettings: () => store.loadSettings(),
    saveSettings: (settings) => store.saveSettings(settings),
    loadTasks: () => store.loadTasks(),
    saveTasks: (tasks) => store.saveTasks(tasks),
    flush: () => store.flush(),
    notices: () => [...store.notices(), ...extra()],
  };
}
