import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../../src/core/log/logger';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0YXNrIiwiaWF0IjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLXBhcnQtWFlaMQ';
const API_KEY = 'vibe-0123456789abcdefQRST';

describe('redact', () => {
  it('shortens a JWT-shaped subscription key to its last four characters', () => {
    expect(redact(`polling ${JWT} now`)).toBe('polling …laMQ now');
  });

  it('shortens a key at the end of a sentence and keeps the full stop', () => {
    expect(redact(`key ${JWT}.`)).toBe('key …laMQ.');
  });

  it('shortens Bearer tokens whatever they look like', () => {
    expect(redact('Authorization: Bearer abc123def456ghi789')).toBe('Authorization: Bearer …i789');
  });

  it('replaces every occurrence of a registered secret', () => {
    expect(redact(`key=${API_KEY} again ${API_KEY}`, [API_KEY])).toBe('key=…QRST again …QRST');
  });

  it('shortens subscription_key values that are not JWT-shaped', () => {
    expect(redact('{"subscription_key":"sim-sub-0123456789abcdef"}')).toBe('{"subscription_key":"…cdef"}');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Task 1f2e3d4c done in 71 s; downloaded 3 files (eyJ is just a word here).';
    expect(redact(text)).toBe(text);
  });

  it('hides a short secret entirely instead of showing most of it', () => {
    expect(redact('pin=abc123', ['abc123'])).toBe('pin=…');
  });
});

describe('createLogger', () => {
  function collect(level?: 'debug' | 'info' | 'warn' | 'error') {
    const lines: string[] = [];
    const logger = createLogger({ level, sink: (line) => lines.push(line), secrets: () => [API_KEY] });
    return { lines, logger };
  }

  it('drops lines below its level', () => {
    const { lines, logger } = collect('warn');
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    logger.error('d');
    expect(lines).toEqual(['WARN c', 'ERROR d']);
  });

  it('logs at info by default and can change level at runtime', () => {
    const { lines, logger } = collect();
    logger.debug('hidden');
    logger.setLevel('debug');
    logger.debug('shown');
    expect(lines).toEqual(['DEBUG shown']);
  });

  it('redacts the API key and subscription keys in messages and details', () => {
    const { lines, logger } = collect();
    logger.error(`request with ${API_KEY} failed`, { subscriptionKey: JWT, error: new Error(`bad ${API_KEY}`) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(API_KEY);
    expect(lines[0]).not.toContain(JWT.slice(0, 20));
    expect(lines[0]).toContain('…QRST');
    expect(lines[0]).toContain('…laMQ');
  });

  it('stamps lines with the injected time', () => {
    const lines: string[] = [];
    const logger = createLogger({ sink: (l) => lines.push(l), now: () => Date.UTC(2025, 0, 2, 3, 4, 5) });
    logger.info('hello');
    expect(lines).toEqual(['2025-01-02T03:04:05.000Z INFO hello']);
  });
});
