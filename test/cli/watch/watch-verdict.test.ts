import { describe, expect, it } from 'vitest';
import { completionVerdict, timeoutVerdict } from '../../../src/cli/watch/watch-verdict';
import { EXIT } from '../../../src/cli/exit-codes';
import type { Task } from '../../../src/core/tasks/task';

let n = 0;
function task(overrides: Partial<Task>): Task {
  n += 1;
  return {
    subscriptionKey: `eyJ.${n}.sig`,
    label: `Task ${n}`,
    jobs: [],
    state: 'done',
    addedAt: 0,
    notified: false,
    ...overrides,
  };
}

describe('completionVerdict', () => {
  it('succeeds when every task is done, naming the folder results went to', () => {
    const verdict = completionVerdict([task({}), task({})], { downloadDir: '/tmp/out' });
    expect(verdict).toEqual({ exitCode: EXIT.ok, reason: 'All 2 tasks done; results saved in /tmp/out.' });
  });

  it('fails on a failed or canceled task and names each with its state', () => {
    const verdict = completionVerdict(
      [task({ label: 'fox', state: 'failed' }), task({ label: 'crate', state: 'canceled' }), task({})],
      {},
    );
    expect(verdict.exitCode).toBe(EXIT.taskFailed);
    expect(verdict.reason).toBe('2 of 3 tasks did not succeed: fox (failed), crate (canceled).');
  });

  it('fails when a download failed although every task is done', () => {
    const verdict = completionVerdict([task({ download: { status: 'failed', error: 'disk full' } })], {});
    expect(verdict).toEqual({ exitCode: EXIT.taskFailed, reason: 'All tasks done, but 1 download failed.' });
  });

  it('lets scripted failures pass in the demo, but still says how many failed', () => {
    const verdict = completionVerdict([task({ state: 'failed' }), task({})], { failuresExpected: true });
    expect(verdict).toEqual({
      exitCode: EXIT.ok,
      reason: 'All 2 tasks finished as scripted: 1 done, 1 failed on purpose.',
    });
  });

  it('succeeds with refused entries, and says them as a warning', () => {
    const download = { status: 'done' as const, refused: [{ name: 'x.exe', reason: 'not a 3D or image file' }] };
    const verdict = completionVerdict([task({ label: 'fox', download })], {});
    expect(verdict.exitCode).toBe(EXIT.ok);
    expect(verdict.reason).toBe('All 1 task done. Warning: fox: 1 refused: not a 3D or image file.');
  });
});

describe('timeoutVerdict', () => {
  it('counts the unfinished tasks when the service answered', () => {
    const verdict = timeoutVerdict({ timeoutMs: 60_000, tasks: [task({})], openCount: 1, unreachable: false });
    expect(verdict.exitCode).toBe(EXIT.timeout);
    expect(verdict.reason).toMatch(/^Gave up after --timeout .+: 1 task still unfinished\.$/);
  });

  it('says the service stayed unreachable when it never answered and tasks carry errors', () => {
    const failing = task({ lastError: { code: 'NETWORK', message: 'offline', at: 0 } });
    const verdict = timeoutVerdict({ timeoutMs: 4_000, tasks: [failing], openCount: 1, unreachable: true });
    expect(verdict.reason).toBe('The Rodin service stayed unreachable for the whole --timeout (4s).');
  });

  it('does not blame the service when nothing failed yet', () => {
    const verdict = timeoutVerdict({ timeoutMs: 4_000, tasks: [task({})], openCount: 2, unreachable: true });
    expect(verdict.reason).toMatch(/2 tasks still unfinished/);
  });
});
