import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/log/logger';
import { installCrashLogging } from '../../../src/main/system/crash-logging';

const KEY = 'rk_live_crash-test-DISTINCTIVE-0042';

function setup() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'warn', sink: (line) => lines.push(line), secrets: () => [KEY] });
  const process = new EventEmitter();
  const app = new EventEmitter();
  installCrashLogging({ process, app }, logger);
  return { lines, process, app };
}

describe('crash logging', () => {
  it('writes an uncaught error and an unhandled rejection to the log without the API key', () => {
    const { lines, process } = setup();
    process.emit('uncaughtException', new Error(`fetch failed with key ${KEY}`));
    process.emit('unhandledRejection', new TypeError(`bad header Bearer ${KEY}`));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Unexpected error Error: fetch failed with key');
    expect(lines[1]).toContain('Unhandled rejection TypeError');
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('says why a window or helper process ended', () => {
    const { lines, app } = setup();
    app.emit('render-process-gone', {}, {}, { reason: 'oom', exitCode: 1 });
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed' });
    expect(lines[0]).toContain('The window process ended oom');
    expect(lines[1]).toContain('A helper process ended crashed');
  });
});
