// The factory for vi.mock('electron'): the shared fake (electron-fake.ts) with every namespace function a vitest spy.
import { vi } from 'vitest';
import { createFakeElectron, type FakeElectronOptions, type Spy } from './electron-fake';

const spy: Spy = (fn) => vi.fn(fn);

export function fakeElectron(options: FakeElectronOptions = {}) {
  // vi.mocked only retypes: the functions are already spies, so `.mock.calls` is there at run time too.
  return vi.mocked(createFakeElectron({ ...options, spy }), true);
}
