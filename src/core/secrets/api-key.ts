// Checks an API key a person typed or pasted, and the only form of it we ever show back: its last four characters.
import { UsageError } from '../rodin/errors';

const MIN_LENGTH = 16;
const MAX_LENGTH = 512;

/**
 * Returns the trimmed key, or throws a UsageError whose sentence says what is wrong.
 * The sentences never quote the key: they end up in the window, the terminal and logs.
 */
export function validateApiKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length === 0) {
    throw new UsageError('The API key is empty: paste the key from the Hyper3D API dashboard.');
  }
  if (/\s/.test(trimmed)) {
    throw new UsageError('The API key must not contain spaces or line breaks: check that only the key was copied.');
  }
  if (!/^[\x21-\x7e]+$/.test(trimmed)) {
    throw new UsageError(
      'The API key may contain only printable ASCII characters: something else was copied along with it.',
    );
  }
  if (trimmed.length < MIN_LENGTH) {
    throw new UsageError(
      `The API key is too short (at least ${MIN_LENGTH} characters): check that it was copied whole.`,
    );
  }
  if (trimmed.length > MAX_LENGTH) {
    throw new UsageError(
      `The API key is too long (at most ${MAX_LENGTH} characters): check that only the key was copied.`,
    );
  }
  return trimmed;
}

/** "…abcd": enough to tell two keys apart, never enough to use one. Short strings show nothing at all. */
export function keyHint(key: string): string {
  const trimmed = key.trim();
  // Revealing the last four of a very short string would reveal most of it.
  if (trimmed.length < 12) return '…';
  return `…${trimmed.slice(-4)}`;
}
