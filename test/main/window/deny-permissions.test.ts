import { describe, expect, it } from 'vitest';
import { denyAllPermissions, type PermissionSession } from '../../../src/main/window/deny-permissions';

describe('session permissions', () => {
  it('refuses every permission request, permission check and device request', () => {
    const handlers: Partial<Record<'request' | 'check' | 'device', (...args: never[]) => unknown>> = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (handler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler) => (handlers.check = handler),
      setDevicePermissionHandler: (handler) => (handlers.device = handler),
    };
    denyAllPermissions(session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      (handlers.request as (c: unknown, p: string, cb: (granted: boolean) => void) => void)({}, permission, (granted) =>
        answers.push(granted),
      );
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect((handlers.check as () => boolean)()).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);
  });
});
