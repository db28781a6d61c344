import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { readDevSwitches } from '../../../src/main/system/dev-switches';

const env = {
  RODIN_TRAY_USER_DATA: 'tmp/profile',
  RODIN_TRAY_TEST_HOOKS: '1',
  ELECTRON_RENDERER_URL: 'http://localhost:5173',
};

describe('test and development switches', () => {
  it('are honoured when running unpackaged', () => {
    expect(readDevSwitches(env, false)).toEqual({
      userData: resolve('tmp/profile'),
      testHooks: true,
      rendererUrl: 'http://localhost:5173',
    });
  });

  it('are all ignored by a packaged app', () => {
    expect(readDevSwitches(env, true)).toEqual({ testHooks: false });
  });

  it('are off when not set', () => {
    expect(readDevSwitches({}, false)).toEqual({ testHooks: false });
  });
});
