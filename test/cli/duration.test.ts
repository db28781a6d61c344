import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/duration';
import { CliError, EXIT } from '../../src/cli/exit-codes';

describe('parseDuration', () => {
  it.each([
    ['45', 45_000],
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['1.5m', 90_000],
    ['500ms', 500],
    [' 2H ', 7_200_000],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '10 minutes', '-5s', '5x', 'm'])('refuses %j as a usage error with an example', (text) => {
    let error: unknown;
    try {
      parseDuration(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT.usage);
    expect((error as CliError).message).toMatch(/e\.g\. 90s, 30m, 2h/);
  });

  it('refuses a zero duration', () => {
    expect(() => parseDuration('0s')).toThrow(/longer than zero/);
  });
});
