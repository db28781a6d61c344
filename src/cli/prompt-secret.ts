// Reads a secret without echoing it: a hidden prompt on a terminal, else all of stdin (for pipes and scripts).
import { CliError, EXIT } from './exit-codes';
import { readAll } from './task-inputs';

export async function readSecret(
  question: string,
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
): Promise<string> {
  if (!input.isTTY) return readAll(input, 'Standard input');
  output.write(question);
  return new Promise<string>((resolve, reject) => {
    let value = '';
    const finish = (error?: CliError) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      const text = chunk.toString();
      // Arrow keys and other escape sequences are not part of a key.
      if (text.startsWith('\x1b')) return;
      for (const char of text) {
        if (char === '\r' || char === '\n' || char === '\x04') return finish();
        if (char === '\x03') return finish(new CliError('Canceled; nothing was stored.', EXIT.interrupted));
        if (char === '\x7f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}
