// What every keeper of the API key offers: the OS keychain (keytar), Electron's safeStorage, or memory.
import type { KeyStatus } from '../../shared/snapshot';
import type { BoundKey } from './bound-key';

/** Where the API key lives: keytar in the CLI and app (safeStorage/memory fallbacks in the app, src/main/secrets). */
export interface KeyStore {
  /** The key and the API origin it may be sent to (see bound-key.ts). */
  get(): Promise<BoundKey | undefined>;
  /** Stores the key bound to `origin`; storing it again with another origin rebinds it. */
  set(key: string, origin: string): Promise<void>;
  clear(): Promise<void>;
  status(): Promise<KeyStatus>;
}
