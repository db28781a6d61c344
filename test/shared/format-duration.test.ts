import { describe, expect, it } from 'vitest';
import { formatDuration, formatStopwatch } from '../../src/shared/format-duration';
import { formatBytes } from '../../src/shared/format-bytes';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [7, '7s'],
    [59, '59s'],
    [60, '1m 00s'],
    [72, '1m 12s'],
    [185, '3m 05s'],
    [3_599, '59m 59s'],
    [3_600, '1h 00m'],
    [3_729, '1h 02m'],
    [3_900, '1h 05m'],
    [90_061, '25h 01m'],
  ])('words %i seconds as %j', (seconds, text) => {
    expect(formatDuration(seconds * 1_000)).toBe(text);
  });

  it('counts whole seconds: a started second does not count yet, so a ticking value never runs ahead', () => {
    expect(formatDuration(59_600)).toBe('59s');
    expect(formatDuration(1_400)).toBe('1s');
    expect(formatDuration(999)).toBe('0s');
  });

  it('shows no negative time', () => {
    expect(formatDuration(-5_000)).toBe('0s');
  });
});

describe('formatStopwatch', () => {
  it('keeps its digits in place while it ticks', () => {
    expect(formatStopwatch(59_000)).toBe('0:59');
    expect(formatStopwatch(60_000)).toBe('1:00');
    expect(formatStopwatch(3_600_000)).toBe('1:00:00');
    expect(formatStopwatch(-1)).toBe('0:00');
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [10 * 1024, '10 KB'],
    [3_400_000, '3.2 MB'],
    [8_100_000, '7.7 MB'],
    [50 * 1024 * 1024, '50 MB'],
    [1.25 * 1024 ** 3, '1.3 GB'],
    [5 * 1024 ** 4, '5120 GB'],
  ])('words %i bytes as %j', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
