import { describe, expect, it } from 'vitest';
import { formatDuration as cliDuration } from '../../src/cli/watch/task-summary';
import { formatDuration as windowDuration } from '../../src/renderer/state/format';
import { formatSeconds } from '../../src/shared/format-duration';

describe('formatSeconds', () => {
  it.each([
    [0, '0s'],
    [7, '7s'],
    [59, '59s'],
    [60, '1m 00s'],
    [185, '3m 05s'],
    [3_599, '59m 59s'],
    [3_600, '1h 00m'],
    [3_729, '1h 02m'],
    [90_061, '25h 01m'],
  ])('words %i seconds as %j', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });
});

describe('the CLI and the window word durations alike', () => {
  it('give the same words for whole seconds', () => {
    for (const ms of [0, 7_000, 185_000, 3_729_000]) expect(cliDuration(ms)).toBe(windowDuration(ms));
  });

  it('differ only in rounding: the CLI counts whole seconds, the window rounds to the nearest', () => {
    expect(cliDuration(59_600)).toBe('59s');
    expect(windowDuration(59_600)).toBe('1m 00s');
    expect(cliDuration(1_400)).toBe('1s');
    expect(windowDuration(1_400)).toBe('1s');
  });

  it('the window shows no negative time', () => {
    expect(windowDuration(-5_000)).toBe('0s');
  });
});
