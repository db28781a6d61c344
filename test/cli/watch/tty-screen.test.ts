import { describe, expect, it } from 'vitest';
import { createLiveScreen } from '../../../src/cli/watch/tty-screen';

function recorder() {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text) } };
}

describe('createLiveScreen', () => {
  it('hides the cursor, then redraws in place by moving up over the previous block', () => {
    const { writes, stream } = recorder();
    const screen = createLiveScreen(stream);
    screen.draw(['a', 'b']);
    screen.draw(['a', 'c']);
    expect(writes[0]).toBe('\x1b[?25l\r\x1b[Ja\nb\n');
    expect(writes[1]).toBe('\x1b[2A\r\x1b[Ja\nc\n');
    screen.close();
  });

  it('writes nothing when the frame did not change, so an idle view does not flicker', () => {
    const { writes, stream } = recorder();
    const screen = createLiveScreen(stream);
    screen.draw(['same']);
    screen.draw(['same']);
    expect(writes).toHaveLength(1);
    screen.close();
  });

  it('prints log lines above the block and keeps the block below them', () => {
    const { writes, stream } = recorder();
    const screen = createLiveScreen(stream);
    screen.draw(['view']);
    screen.log('something happened');
    expect(writes[1]).toBe('\x1b[1A\r\x1b[Jsomething happened\nview\n');
    screen.close();
  });

  it('gives the cursor back on close', () => {
    const { writes, stream } = recorder();
    const screen = createLiveScreen(stream);
    screen.draw(['x']);
    screen.close();
    expect(writes.at(-1)).toBe('\x1b[?25h');
  });
});
