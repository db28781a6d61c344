import { describe, expect, it } from 'vitest';
import { describeError, describeErrorCode, normalizeErrorCode } from '../../../src/core/rodin/describe-error';
import {
  AuthError,
  ProtocolError,
  RateLimitedError,
  ServiceError,
  TransientError,
  UsageError,
} from '../../../src/core/rodin/errors';

const DOCUMENTED_CODES = [
  'NO_ACTIVE_SUBSCRIPTION',
  'SUBSCRIPTION_PLAN_TOO_LOW',
  'INSUFFICIENT_FUNDS',
  'INSUFFICIENT_FUND',
  'PARALLELISM_LIMIT_REACHED',
  'OBJECT_NOT_FOUND_ON_IMAGE',
  'IMAGE_CONTENT_VIOLATION',
  'INVALID_REQUEST',
  'PERMISSION_DENIED',
  'NO_SUCH_TASK',
  'USER_NOT_FOUND',
  'GROUP_NOT_FOUND',
  'UNKNOWN',
];

const isSentence = (text: string) => /^[A-Z].{15,}[.!]$/.test(text) && !text.includes('\n');

describe('describeError', () => {
  it.each(DOCUMENTED_CODES)('has its own sentence for %s, with or without the API_ prefix', (code) => {
    const plain = describeError(new ServiceError(code, 'raw'));
    expect(isSentence(plain), plain).toBe(true);
    expect(plain).not.toContain(code);
    expect(describeError(new ServiceError(`API_${code}`, 'raw'))).toBe(plain);
    expect(describeErrorCode(`api_${code.toLowerCase()}`)).toBe(plain);
  });

  it('gives different documented codes different sentences (except the two spellings of insufficient funds)', () => {
    const sentences = new Set(DOCUMENTED_CODES.map((code) => describeErrorCode(code)));
    expect(sentences.size).toBe(DOCUMENTED_CODES.length - 1);
  });

  it('names an unknown code in a generic sentence', () => {
    expect(describeError(new ServiceError('BRAND_NEW_THING', 'x'))).toBe(
      'Rodin reported an error (BRAND_NEW_THING); try again later.',
    );
  });

  it('describes every kind of Rodin failure', () => {
    const cases: [Error, RegExp][] = [
      [new AuthError(), /API key/],
      [new RateLimitedError(12_300), /slow down.*13 s/],
      [new TransientError('HTTP_5XX', 'x'), /server error/],
      [new TransientError('HTML_RESPONSE', 'x'), /web page/],
      [new TransientError('TIMEOUT', 'x'), /in time/],
      [new TransientError('NETWORK', 'x'), /reach/],
      [new TransientError('HTTP_OTHER', 'x'), /unexpected/],
      [new ProtocolError('x'), /does not understand/],
      [new UsageError('The Rodin base URL must use https://.'), /^The Rodin base URL must use https/],
    ];
    for (const [error, expected] of cases) {
      const text = describeError(error);
      expect(text, error.name).toMatch(expected);
      expect(isSentence(text), text).toBe(true);
    }
  });

  it('falls back to a safe sentence for other errors and non-errors', () => {
    expect(describeError(new Error('disk full'))).toBe('Something went wrong: disk full.');
    expect(describeError(new DOMException('aborted', 'AbortError'))).toBe('The request was canceled.');
    expect(describeError(42)).toBe('Something unexpected went wrong.');
    expect(describeError(undefined)).toBe('Something unexpected went wrong.');
    expect(describeError('API_NO_SUCH_TASK')).toBe(describeErrorCode('NO_SUCH_TASK'));
  });

  it('never repeats raw HTML or token-like strings from a foreign error', () => {
    expect(describeError(new Error('<html><body>502 Bad Gateway</body></html>'))).toBe('Something went wrong.');
    const leaky = describeError(
      new Error('failed with Bearer sk_live_abcdefghijklmnop and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'),
    );
    expect(leaky).not.toMatch(/sk_live|eyJ/);
  });

  it('normalises codes from the network to a safe alphabet', () => {
    expect(normalizeErrorCode(' api_no_such_task ')).toBe('NO_SUCH_TASK');
    expect(normalizeErrorCode('<script>')).toBe('UNKNOWN');
  });
});

describe('describeError for downloads', () => {
  it('passes a download failure through as its own sentence, without a generic prefix', async () => {
    const { DownloadError } = await import('../../../src/core/download/download-error');
    const sentence = describeError(
      new DownloadError('EXPIRED_URL', 'The link for model.glb expired twice; try again.'),
    );
    expect(sentence).toBe('The link for model.glb expired twice; try again.');
  });
});

describe('describeError and retries', () => {
  it('promises a retry only where the caller will make one', () => {
    const error = new TransientError('HTML_RESPONSE', 'proxy page');
    expect(describeError(error)).toMatch(/will try again/);
    const oneShot = describeError(error, { willRetry: false });
    expect(oneShot).not.toMatch(/try again|retry/i);
    expect(oneShot).toMatch(/web page instead of data/);
  });
});
