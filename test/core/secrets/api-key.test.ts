import { describe, expect, it } from 'vitest';
import { keyHint, validateApiKey } from '../../../src/core/secrets/api-key';
import { UsageError } from '../../../src/core/rodin/errors';

function failureOf(key: string): Error {
  try {
    validateApiKey(key);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected validateApiKey to throw');
}

describe('validateApiKey', () => {
  it('returns the key without surrounding whitespace', () => {
    expect(validateApiKey('  vibe-0123456789abcdef\n')).toBe('vibe-0123456789abcdef');
  });

  it.each([
    ['', /empty/],
    ['   \n\t', /empty/],
    ['abcd efgh ijkl mnop', /spaces or line breaks/],
    ['abcdefgh\nijklmnopq', /spaces or line breaks/],
    ['abcdefgh\u0000ijklmnopq', /printable ASCII/],
    ['abcdefghéijklmnopq', /printable ASCII/],
    ['short-key-123', /too short/],
    ['k'.repeat(513), /too long/],
  ])('refuses %j with a sentence saying why', (key, reason) => {
    const error = failureOf(key);
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(reason);
  });

  it('never repeats the refused key in its message', () => {
    const key = 'secretpart-with space-0123456789';
    expect(failureOf(key).message).not.toContain('secretpart');
    expect(failureOf('tinysecret').message).not.toContain('tinysecret');
  });

  it('accepts keys of exactly 16 and 512 characters', () => {
    expect(validateApiKey('a'.repeat(16))).toHaveLength(16);
    expect(validateApiKey('b'.repeat(512))).toHaveLength(512);
  });
});

describe('keyHint', () => {
  it('shows only the last four characters', () => {
    expect(keyHint('vibe-0123456789abcdef')).toBe('…cdef');
  });

  it('shows nothing of a string too short to hide', () => {
    expect(keyHint('abcdefgh')).toBe('…');
  });
});
