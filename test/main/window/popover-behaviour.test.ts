import { describe, expect, it } from 'vitest';
import { isClickAfterBlurHide, rendererRecovery } from '../../../src/main/window/popover-behaviour';

describe('popover timing', () => {
  it('treats a click within 300 ms of a blur-hide as the click that caused it', () => {
    expect(isClickAfterBlurHide(1_000, 1_250)).toBe(true);
    expect(isClickAfterBlurHide(1_000, 1_300)).toBe(false);
    expect(isClickAfterBlurHide(undefined, 1_000)).toBe(false);
  });

  it('reopens after a crash, not after a clean exit, and not twice within a minute', () => {
    expect(rendererRecovery('crashed', undefined, 0)).toBe('recreate');
    expect(rendererRecovery('clean-exit', undefined, 0)).toBe('wait');
    expect(rendererRecovery('oom', 100_000, 159_999)).toBe('wait');
    expect(rendererRecovery('oom', 100_000, 160_000)).toBe('recreate');
  });
});
