// Exit codes of rodin-jobs (scripts rely on them) and the one error type commands throw to end with a message.
export const EXIT = {
  ok: 0,
  /** A task failed or was canceled, or a download failed. */
  taskFailed: 1,
  /** Bad arguments or input the CLI cannot use. */
  usage: 2,
  /** No API key, or the key was rejected (401). */
  keyRejected: 3,
  /** --timeout elapsed, or the service stayed unreachable. */
  timeout: 4,
  /** Ctrl+C, the shell convention 128 + SIGINT. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Ends the command with `message` on stderr and `exitCode`; `hint` is a second line telling what to do. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage, 'Run `rodin-jobs --help` (or `rodin-jobs <command> --help`) for usage.');
}
