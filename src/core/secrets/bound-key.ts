// The API key together with the API origin it was verified against: how the pair is kept in one secret entry.
import { DEFAULT_BASE_URL } from '../rodin/types';

/**
 * The origin travels inside the secret (keychain entry, safeStorage ciphertext, session memory), never in the
 * settings file: a settings file anyone with the user's rights can edit must not be able to move both the base
 * URL and the place the key is allowed to go.
 */
export interface BoundKey {
  key: string;
  /** e.g. "https://api.hyper3d.com": scheme, host and port, nothing else. */
  origin: string;
}

/**
 * Entries written before keys were bound hold the bare key. They are bound to the public API's origin: that is
 * where the key came from and where almost every install sends it; anyone who used another base URL is asked once.
 */
export const LEGACY_KEY_ORIGIN = originOf(DEFAULT_BASE_URL);

export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

export function encodeBoundKey(bound: BoundKey): string {
  return JSON.stringify({ v: 2, key: bound.key, origin: bound.origin });
}

/** The stored text back as a pair; a bare key (the old format) is bound to LEGACY_KEY_ORIGIN. Empty: undefined. */
export function decodeBoundKey(stored: string | null | undefined): BoundKey | undefined {
  const text = stored?.trim();
  if (!text) return undefined;
  // A key is printable ASCII without spaces, so it can only look like this object if it was written as one.
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { v?: unknown; key?: unknown; origin?: unknown };
      if (parsed.v === 2 && typeof parsed.key === 'string' && parsed.key.trim()) {
        const origin = typeof parsed.origin === 'string' && URL.canParse(parsed.origin) ? parsed.origin : '';
        return { key: parsed.key.trim(), origin: origin ? originOf(origin) : LEGACY_KEY_ORIGIN };
      }
    } catch {
      // Not our JSON: treat the text as a bare key, as the old format did.
    }
  }
  return { key: text, origin: LEGACY_KEY_ORIGIN };
}
