import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsPatchSchema, settingsSchema } from '../../src/shared/settings';

describe('settings schema', () => {
  it('fills every missing field with its default', () => {
    expect(settingsSchema.parse({})).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.pollBudgetPerMinute).toBe(60);
  });

  it('keeps a patch to the fields it names, without defaults for the rest', () => {
    expect(settingsPatchSchema.parse({ theme: 'dark' })).toEqual({ theme: 'dark' });
  });

  it('refuses unknown fields and out-of-range values in a patch', () => {
    expect(settingsPatchSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ pollBudgetPerMinute: 500 }).success).toBe(false);
  });
});
