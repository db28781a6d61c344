// What every keeper of the API key offers: the OS keychain (keytar), Electron's safeStorage, or memory.
import type { KeyStatus } from '../../shared/snapshot';

/** Where the API key lives: keytar in the CLI and app (safeStorage/memory fallbacks in the app, src/main/secrets). */
export interface KeyStore {
  get(): Promise<string | undefined>;
  set(key: string): Promise<void>;
  clear(): Promise<void>;
  status(): Promise<KeyStatus>;
}
