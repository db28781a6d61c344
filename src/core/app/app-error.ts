// The controller's typed failure: a stable `code` the window can act on, and a sentence a person understands.
export type AppErrorCode =
  | 'INVALID_PAYLOAD'
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'INVALID_KEY'
  | 'NO_KEY'
  | 'NO_TASK_UUID'
  | 'NOT_DOWNLOADED'
  | 'NOT_ALLOWED'
  | 'INVALID_SETTING'
  | 'DEMO_UNAVAILABLE'
  | 'INTERNAL'
  | (string & {});

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
