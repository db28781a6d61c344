import { describe, expect, it } from 'vitest';
import { addRequestsFromArgv, isDemoLaunch } from '../../../src/main/system/launch-args';
import { describeAddResult } from '../../../src/main/system/add-feedback';

const KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const UUID = '2b5f4f7e-6f4c-4f6b-9a7e-3c1d2e4f5a6b';

describe('launch arguments', () => {
  it('reads --add INPUT and --add=INPUT, ignoring Electron and Chromium flags', () => {
    const argv = ['/opt/Rodin Tray/rodin-tray', '--no-sandbox', '--add', KEY, `--add=${KEY}x`, '--demo'];
    expect(addRequestsFromArgv(argv)).toEqual([
      { kind: 'text', text: KEY, rejected: [] },
      { kind: 'text', text: `${KEY}x`, rejected: [] },
    ]);
  });

  it('says what is missing when --add has no value', () => {
    expect(addRequestsFromArgv(['app', '--add', '--demo'])).toEqual([
      { kind: 'rejected', rejected: [expect.stringContaining('--add needs a value') as string] },
    ]);
  });

  it('keeps a rodin-tray:// link apart from --add text, so the link is confirmed before anything is added', () => {
    const link = `rodin-tray://add?key=${KEY}&task=${UUID}&label=Chair`;
    expect(addRequestsFromArgv(['app', '--add', KEY, link])).toEqual([
      { kind: 'text', text: KEY, rejected: [] },
      { kind: 'link', url: link },
    ]);
  });

  it('starts the demo for --demo or RODIN_DEMO=1 only', () => {
    expect(isDemoLaunch(['app', '--demo'], {})).toBe(true);
    expect(isDemoLaunch(['app'], { RODIN_DEMO: '1' })).toBe(true);
    expect(isDemoLaunch(['app'], { RODIN_DEMO: '0' })).toBe(false);
  });
});

describe('quick-add feedback', () => {
  it('names the added task and lets a click show it', () => {
    const feedback = describeAddResult({
      ok: true,
      value: { added: [{ id: 'a1', label: 'Chair' }], duplicates: [], rejected: [] },
    });
    expect(feedback).toEqual({ title: 'Watching 1 new task', body: 'Chair', taskId: 'a1' });
  });

  it('says when everything was already watched', () => {
    const feedback = describeAddResult({
      ok: true,
      value: { added: [], duplicates: [{ id: 'a1', label: 'Chair' }], rejected: [] },
    });
    expect(feedback).toEqual({ title: 'Already watching', body: 'Chair' });
  });

  it('explains why nothing was added', () => {
    const feedback = describeAddResult({
      ok: true,
      value: { added: [], duplicates: [], rejected: ['The text is empty.'] },
    });
    expect(feedback).toEqual({ title: 'Nothing was added', body: 'The text is empty.' });
  });
});
