// Redraws a block of lines in place at the bottom of a terminal, without flicker and without scrolling garbage.
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEAR_TO_END = '\x1b[J';

export interface LiveScreen {
  /** Replaces the block; does nothing when the lines did not change. */
  draw(lines: readonly string[]): void;
  /** Prints a line above the block, where it stays as scrollback. */
  log(line: string): void;
  /** Leaves the last block on screen and gives the cursor back. */
  close(): void;
}

export function createLiveScreen(stream: { write(text: string): unknown }): LiveScreen {
  let previous: readonly string[] = [];
  let started = false;
  let closed = false;

  const restore = () => {
    if (started && !closed) stream.write(SHOW_CURSOR);
  };
  // Whatever ends the process, the user must get their cursor back.
  process.once('exit', restore);

  // One write per frame: the terminal never shows a half-cleared screen.
  const rewind = () => (previous.length > 0 ? `\x1b[${previous.length}A\r` : '\r');
  const block = (lines: readonly string[]) => (lines.length > 0 ? `${lines.join('\n')}\n` : '');

  return {
    draw(lines) {
      if (closed) return;
      if (started && lines.length === previous.length && lines.every((l, i) => l === previous[i])) return;
      stream.write(`${started ? '' : HIDE_CURSOR}${rewind()}${CLEAR_TO_END}${block(lines)}`);
      started = true;
      previous = [...lines];
    },
    log(line) {
      if (closed) {
        stream.write(`${line}\n`);
        return;
      }
      stream.write(`${rewind()}${CLEAR_TO_END}${line}\n${block(previous)}`);
    },
    close() {
      restore();
      closed = true;
      process.removeListener('exit', restore);
    },
  };
}
