// Why fetching a task's result files failed, as a code for programs and a sentence for people (no URLs: they are signed).
export type DownloadErrorCode =
  | 'UNSAFE_URL'
  | 'EXPIRED_URL'
  | 'HTTP_ERROR'
  | 'NETWORK'
  | 'INCOMPLETE'
  | 'EMPTY_LIST'
  | 'UNSAFE_PATH'
  | 'WRITE_FAILED'
  | 'DISK_FULL'
  /** One file over the per-file limit. */
  | 'TOO_LARGE'
  /** The task's files together over the per-task limit (a setting). */
  | 'TASK_TOO_LARGE'
  | 'ABORTED'
  | 'NOT_FOUND'
  | 'NO_TASK_UUID';

export class DownloadError extends Error {
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
    /** The result file concerned, when there is one (already made safe for display). */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}
