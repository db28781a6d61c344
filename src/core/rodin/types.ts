// Shapes the Rodin API returns once validated, and the client's interface (see docs/rodin-api.md).
import type { GenerationParams } from '../../shared/generation';

export const DEFAULT_BASE_URL = 'https://api.hyper3d.com/api';
export const LEGACY_BASE_URL = 'https://hyperhuman.deemos.com/api';
export const DEFAULT_TIMEOUT_MS = 20_000;

export interface JobStatus {
  uuid: string;
  /** Verbatim from the API: Waiting, Generating, Done, Failed, Canceled, or anything new. */
  status: string;
  queueLength?: number;
}

export interface StatusResult {
  jobs: JobStatus[];
}

export interface DownloadItem {
  url: string;
  name: string;
}

export interface GenerationSubmitted {
  taskUuid: string;
  subscriptionKey: string;
  jobUuids: string[];
  message?: string;
}

export interface RodinClientOptions {
  baseUrl: string;
  /** The platform fetch: Electron's net.fetch in the app, global fetch in Node. */
  fetch: typeof globalThis.fetch;
  /** Asked before every call so a key change applies at once; undefined means "no key" (an AuthError). */
  getApiKey: () => string | undefined | Promise<string | undefined>;
  timeoutMs?: number;
  /** For generation only (uploads take longer); default max(timeoutMs, 120 s). */
  generateTimeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface RodinClient {
  readonly baseUrl: string;
  status(subscriptionKey: string, options?: RequestOptions): Promise<StatusResult>;
  downloadList(taskUuid: string, options?: RequestOptions): Promise<DownloadItem[]>;
  checkBalance(options?: RequestOptions): Promise<number>;
  /**
   * Spends credits: validated first (a UsageError listing every problem), then exactly one attempt, never retried.
   * When the request left but no usable answer came back, an OutcomeUnknownError: the task may exist.
   */
  generate(params: GenerationParams, options?: RequestOptions): Promise<GenerationSubmitted>;
}
