import { describe, expect, it } from 'vitest';
import { isLoopbackHost, normalizeBaseUrl } from '../../../src/core/rodin/base-url';
import { UsageError } from '../../../src/core/rodin/errors';
import { DEFAULT_BASE_URL, LEGACY_BASE_URL } from '../../../src/core/rodin/types';

describe('normalizeBaseUrl', () => {
  it('keeps the current and the legacy Rodin base URLs as they are', () => {
    expect(normalizeBaseUrl(DEFAULT_BASE_URL)).toBe('https://api.hyper3d.com/api');
    expect(normalizeBaseUrl(LEGACY_BASE_URL)).toBe('https://hyperhuman.deemos.com/api');
  });

  it('trims surrounding spaces and trailing slashes', () => {
    expect(normalizeBaseUrl('  https://hyperhuman.deemos.com/api//  ')).toBe('https://hyperhuman.deemos.com/api');
    expect(normalizeBaseUrl('https://api.hyper3d.com/')).toBe('https://api.hyper3d.com');
  });

  it('accepts plain http to loopback hosts only', () => {
    expect(normalizeBaseUrl('http://127.0.0.1:8080/api/')).toBe('http://127.0.0.1:8080/api');
    expect(normalizeBaseUrl('http://localhost:3000/api')).toBe('http://localhost:3000/api');
    expect(normalizeBaseUrl('http://[::1]:3000/api')).toBe('http://[::1]:3000/api');
    expect(() => normalizeBaseUrl('http://api.hyper3d.com/api')).toThrow(UsageError);
    expect(() => normalizeBaseUrl('http://10.0.0.5/api')).toThrow(/https/);
  });

  it('refuses text that is not an http(s) URL', () => {
    for (const bad of [
      '',
      'api.hyper3d.com/api',
      'ftp://api.hyper3d.com/api',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      expect(() => normalizeBaseUrl(bad), bad).toThrow(UsageError);
    }
  });

  it('refuses credentials, queries and fragments in the base URL', () => {
    expect(() => normalizeBaseUrl('https://user:pw@api.hyper3d.com/api')).toThrow(UsageError);
    expect(() => normalizeBaseUrl('https://api.hyper3d.com/api?x=1')).toThrow(UsageError);
    expect(() => normalizeBaseUrl('https://api.hyper3d.com/api#top')).toThrow(UsageError);
  });
});

describe('isLoopbackHost', () => {
  it('recognises the whole 127.0.0.0/8 range, ::1 and localhost', () => {
    for (const host of [
      '127.0.0.1',
      '127.255.1.9',
      '::1',
      '[::1]',
      'localhost',
      'LOCALHOST',
      'app.localhost',
      '[::ffff:7f00:1]',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
  });

  it('rejects other hosts, including look-alikes', () => {
    for (const host of [
      '128.0.0.1',
      '10.0.0.1',
      '127.0.0.1.example.com',
      'localhost.example.com',
      '::2',
      '1127.0.0.1',
      '',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
