// Uncaught errors and crashed child processes go to the redacting logger, not to Electron's default error dialog.
import type { Logger } from '../../core/log/logger';

/** The few event sources crash logging listens on, so tests can hand in plain emitters. */
export interface CrashSources {
  process: {
    on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
  };
  app: {
    on(
      event: 'render-process-gone' | 'child-process-gone',
      listener: (event: unknown, a: unknown, b?: unknown) => void,
    ): unknown;
  };
}

function reasonOf(details: unknown): string {
  const reason = (details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : 'unknown';
}

/**
 * Installs the listeners. A listener on uncaughtException also stops Electron's default dialog, which would show
 * the raw message and stack; here only the error's name and message are written, through the logger's redaction.
 */
export function installCrashLogging(sources: CrashSources, logger: Logger): void {
  sources.process.on('uncaughtException', (error) => logger.error('Unexpected error', describe(error)));
  sources.process.on('unhandledRejection', (error) => logger.error('Unhandled rejection', describe(error)));
  sources.app.on('render-process-gone', (_event, _contents, details) =>
    logger.error('The window process ended', reasonOf(details)),
  );
  sources.app.on('child-process-gone', (_event, details) => logger.error('A helper process ended', reasonOf(details)));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'a non-Error value was thrown';
}
