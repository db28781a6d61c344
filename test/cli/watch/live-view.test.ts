import { describe, expect, it } from 'vitest';
import { renderLiveView, type LiveViewModel } from '../../../src/cli/watch/live-view';
import type { Task } from '../../../src/core/tasks/task';

const NOW = 1_700_000_100_000;

function task(overrides: Partial<Task>): Task {
  return {
    subscriptionKey: `eyJ.${Math.random()}.sig`,
    label: 'Task',
    jobs: [],
    state: 'waiting',
    addedAt: NOW - 65_000,
    notified: false,
    ...overrides,
  };
}

const model = (tasks: Task[], extra: Partial<LiveViewModel> = {}): LiveViewModel => ({
  tasks,
  status: { paused: false, inFlight: 0, nextCheckAt: NOW + 4_000 },
  now: NOW,
  ...extra,
});

const render = (m: LiveViewModel, width = 100, height?: number) =>
  renderLiveView(m, { width, color: false, frame: 0, ...(height ? { height } : {}) });

describe('renderLiveView', () => {
  it('shows one line per task with state, label, elapsed time and progress, between a header and a footer', () => {
    const lines = render(
      model([
        task({
          label: 'Wooden chair',
          state: 'generating',
          jobs: [
            { uuid: 'a', status: 'Done' },
            { uuid: 'b', status: 'Generating' },
          ],
        }),
        task({ label: 'Toy robot', jobs: [{ uuid: 'c', status: 'Waiting', queueLength: 3 }] }),
      ]),
    );
    expect(lines[0]).toBe('Rodin jobs — 2 tasks: 1 generating, 1 waiting');
    expect(lines[1]).toMatch(/^ ◐ Generating +Wooden chair +1m 05s {2}1\/2 jobs$/);
    expect(lines[2]).toMatch(/^ ○ Waiting +Toy robot +1m 05s {2}0\/1 jobs · queue #3$/);
    expect(lines[3]).toBe('Next check in 4s · Ctrl+C to stop');
  });

  it('puts the last error under its task and the throttling deadline in the footer', () => {
    const lines = render(
      model(
        [task({ label: 'Vase', lastError: { code: 'HTTP_5XX', message: 'Server trouble; will retry.', at: NOW } })],
        {
          status: {
            paused: false,
            inFlight: 0,
            problem: { kind: 'throttled', message: 'Slow down', until: NOW + 25_000 },
          },
        },
      ),
    );
    expect(lines).toContain('   └ Server trouble; will retry.');
    expect(lines.at(-1)).toMatch(/^Throttled by the Rodin API until \d\d:\d\d:\d\d \(25s\)/);
  });

  it('says when the key was rejected', () => {
    const lines = render(
      model([task({})], {
        status: { paused: false, inFlight: 0, problem: { kind: 'key-rejected', message: 'Bad key.' } },
      }),
    );
    expect(lines.at(-1)).toMatch(/^API key rejected: Bad key\./);
  });

  it('never writes a line as wide as the terminal, so nothing wraps and redrawing stays in place', () => {
    const long = task({ label: 'A very long label that goes on and on and on and on', state: 'failed' });
    for (const line of render(model([long], { downloadDir: '/tmp/some/long/folder/name' }), 40)) {
      expect([...line].length).toBeLessThan(40);
    }
  });

  it('shows the closing reason in full, even when it is wider than the terminal', () => {
    const reason = 'All 5 tasks finished as scripted: 4 done, 1 failed on purpose.';
    const lines = render(model([task({})], { closing: reason }), 40);
    expect(lines.at(-1)).toBe(reason);
  });

  it('keeps header and footer on screen when there are more tasks than rows', () => {
    const many = Array.from({ length: 30 }, (_, i) => task({ label: `Task ${i}` }));
    const lines = render(model(many), 80, 10);
    expect(lines.length).toBeLessThanOrEqual(9);
    expect(lines.at(-2)).toMatch(/… \d+ more lines/);
    expect(lines.at(-1)).toMatch(/Ctrl\+C to stop/);
  });

  it('colours only when asked', () => {
    const m = model([task({ state: 'done', jobs: [{ uuid: 'a', status: 'Done' }] })]);
    expect(renderLiveView(m, { width: 80, color: true, frame: 0 }).join('')).toContain('\x1b[32m');
    expect(renderLiveView(m, { width: 80, color: false, frame: 0 }).join('')).not.toContain('\x1b[');
  });
});
