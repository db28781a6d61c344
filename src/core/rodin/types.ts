// Shapes the Rodin API returns once validated, and the client's interface (see docs/rodin-api.md).
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

/** Multipart fields for POST /v2/rodin; arrays are sent as JSON strings. Filled in by the generation issue. */
export interface GenerateRequest {
  prompt?: string;
  images?: { name: string; data: Uint8Array; type?: string }[];
  fields?: Record<string, string | number | boolean | string[] | number[]>;
}

export interface RodinClientOptions {
  baseUrl: string;
  /** The platform fetch: Electron's net.fetch in the app, global fetch in Node. */
  fetch: typeof globalThis.fetch;
  /** Asked before every call so a key change applies at once; undefined means "no key" (an AuthError). */
  getApiKey: () => string | undefined | Promise<string | undefined>;
  timeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface RodinClient {
  readonly baseUrl: string;
  status(subscriptionKey: string, options?: RequestOptions): Promise<StatusResult>;
  downloadList(taskUuid: string, options?: RequestOptions): Promise<DownloadItem[]>;
  checkBalance(options?: RequestOptions): Promise<number>;
  /** Spends credits: never retried automatically. */
  generate(request: GenerateRequest, options?: RequestOptions): Promise<GenerationSubmitted>;
}
