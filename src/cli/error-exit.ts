// Maps whatever a command threw to the sentence and exit code the user gets; never prints a key or a stack.
import { describeError } from '../core/rodin/describe-error';
import { RodinError } from '../core/rodin/errors';
import { KeychainUnavailableError } from '../core/secrets/keytar-key-store';
import { DownloadError } from '../core/download/download-error';
import { CliError, EXIT, usageError } from './exit-codes';

/** describeError, except that downloader errors already carry a sentence written for people. */
export function describeFailure(error: unknown): string {
  return error instanceof DownloadError ? error.message : describeError(error);
}

export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof KeychainUnavailableError) {
    return new CliError(
      error.message,
      EXIT.keyRejected,
      'Set RODIN_API_KEY instead, or start a keychain (Secret Service) session.',
    );
  }
  if (error instanceof RodinError) {
    // The command ends here, so the sentence must not promise a retry.
    const message = describeError(error, { willRetry: false });
    switch (error.kind) {
      case 'auth':
        return new CliError(message, EXIT.keyRejected, 'Check RODIN_API_KEY or run `rodin-jobs key set`.');
      case 'usage':
        return usageError(message);
      case 'transient':
      case 'rate-limited':
      case 'outcome-unknown':
        return new CliError(message, EXIT.timeout);
      case 'service':
      case 'protocol':
        return new CliError(message, EXIT.taskFailed);
    }
  }
  // Downloader errors and anything unexpected: said without secrets or markup.
  return new CliError(describeFailure(error), EXIT.taskFailed);
}
