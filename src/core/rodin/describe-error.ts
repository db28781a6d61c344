// Turns any error into one sentence a person understands; the only place error codes become words.
import { RodinError, type OutcomeUnknownError, type RateLimitedError } from './errors';
import { DownloadError } from '../download/download-error';

/** Upper-case, without the optional `API_` prefix, limited to a safe alphabet (codes come from the network). */
export function normalizeErrorCode(code: string): string {
  const upper = code
    .trim()
    .toUpperCase()
    .replace(/^API_/, '')
    .replace(/[\s-]+/g, '_');
  if (!/^[A-Z0-9_]{1,64}$/.test(upper)) return 'UNKNOWN';
  return upper;
}

const SERVICE_SENTENCES: Record<string, string> = {
  NO_ACTIVE_SUBSCRIPTION: 'Your Hyper3D account has no active subscription; activate a plan to use the Rodin API.',
  SUBSCRIPTION_PLAN_TOO_LOW: 'Your Hyper3D plan does not include this feature; upgrade the plan to use it.',
  INSUFFICIENT_FUNDS: 'Your Hyper3D account does not have enough credits for this; top up and try again.',
  INSUFFICIENT_FUND: 'Your Hyper3D account does not have enough credits for this; top up and try again.',
  PARALLELISM_LIMIT_REACHED:
    'Your plan is already running as many generations as it allows; wait for one to finish and try again.',
  OBJECT_NOT_FOUND_ON_IMAGE: 'Rodin could not find an object in the image; try a clearer picture of a single object.',
  IMAGE_CONTENT_VIOLATION: 'Rodin refused the image because it breaks the content policy.',
  INVALID_REQUEST: 'Rodin rejected the request as invalid; check the task key and the generation settings.',
  PERMISSION_DENIED: 'This API key is not allowed to access that task or feature.',
  NO_SUCH_TASK: 'Rodin does not know this task; check the task ID (use the task UUID, not a job UUID).',
  USER_NOT_FOUND: 'Rodin could not find the account this API key belongs to; check the key in the Hyper3D dashboard.',
  GROUP_NOT_FOUND: 'Rodin could not find the team this API key belongs to; check the key in the Hyper3D dashboard.',
  UNKNOWN: 'Rodin reported an unknown error; try again later.',
  UNAUTHORIZED: 'The Rodin API rejected the API key; set a valid key from the Hyper3D dashboard.',
};

/** The sentence for a Rodin error code (with or without `API_`), or a generic one naming the code. */
export function describeErrorCode(code: string): string {
  const normalized = normalizeErrorCode(code);
  return SERVICE_SENTENCES[normalized] ?? `Rodin reported an error (${normalized}); try again later.`;
}

// Said without "will retry": whether a retry follows is the caller's to say (a watcher retries, a one-shot command doesn't).
const TRANSIENT_SENTENCES: Record<string, string> = {
  HTTP_5XX: 'The Rodin service is having trouble right now (server error)',
  HTML_RESPONSE: 'The Rodin service answered with a web page instead of data (often a proxy or outage)',
  TIMEOUT: 'The Rodin service did not answer in time',
  NETWORK: 'Cannot reach the Rodin service; check the internet connection',
  HTTP_OTHER: 'The Rodin service gave an unexpected answer',
};

const UNKNOWN_OUTCOME_CAUSES: Record<string, string> = {
  TIMEOUT: 'Rodin did not answer the generation request in time',
  NETWORK: 'The connection broke while the generation request was on its way',
  HTTP_5XX: 'The Rodin service had a server error while taking the generation request',
  PROTOCOL: 'Rodin answered the generation request in a form this app cannot read',
};

export interface DescribeOptions {
  /** True (default) where the caller will try again by itself, as the watcher does. */
  willRetry?: boolean;
}

function withRetry(sentence: string, willRetry: boolean): string {
  return willRetry ? `${sentence}; will try again shortly.` : `${sentence}.`;
}

function describeRodinError(error: RodinError, willRetry: boolean): string {
  switch (error.kind) {
    case 'auth':
      return 'The API key is missing or was rejected by Rodin; set a valid key from the Hyper3D dashboard.';
    case 'rate-limited': {
      const seconds = Math.max(1, Math.ceil((error as RateLimitedError).retryAfterMs / 1000));
      return `Rodin asked us to slow down; checking again in ${seconds} s.`;
    }
    case 'service':
      return describeErrorCode(error.code);
    case 'transient':
      return withRetry(TRANSIENT_SENTENCES[error.code] ?? TRANSIENT_SENTENCES.HTTP_OTHER!, willRetry);
    case 'protocol':
      return withRetry('The Rodin service sent an answer this app does not understand', willRetry);
    case 'outcome-unknown':
      return `${UNKNOWN_OUTCOME_CAUSES[(error as OutcomeUnknownError).after] ?? UNKNOWN_OUTCOME_CAUSES.TIMEOUT}, so it is not known whether the task was started (and charged). Check the balance or the Hyper3D dashboard before submitting again.`;
    case 'usage':
      // Usage messages are written by this app (never from the network), so they are safe to show.
      return safeText(error.message) ?? 'That request cannot be sent.';
  }
}

const SECRET_PATTERNS: RegExp[] = [
  /Bearer\s+\S+/gi,
  /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  // Long opaque tokens (API keys look like this); file paths and words are rarely this dense.
  /[A-Za-z0-9_-]{32,}/g,
];

/** A message from elsewhere, made safe to show: no markup, no token-like strings, one short line. */
function safeText(text: string): string | undefined {
  if (!text || /<[a-z!/]/i.test(text)) return undefined;
  let out = text.replace(/\s+/g, ' ').trim();
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '…');
  if (out.length > 200) out = `${out.slice(0, 199)}…`;
  return out || undefined;
}

/** One human sentence for any error; never includes a key or raw HTML. */
export function describeError(error: unknown, options: DescribeOptions = {}): string {
  const willRetry = options.willRetry ?? true;
  if (error instanceof RodinError) return describeRodinError(error, willRetry);
  // Download messages are written by the downloader for people (file and host named, never the signed URL).
  if (error instanceof DownloadError) return safeText(error.message) ?? 'The result files could not be downloaded.';
  if (typeof error === 'string') {
    if (/^(API_)?[A-Z][A-Z0-9_]*$/.test(error.trim())) return describeErrorCode(error);
    return safeText(error) ?? 'Something went wrong.';
  }
  if (error instanceof Error) {
    if (error.name === 'AbortError') return 'The request was canceled.';
    if (error.name === 'TimeoutError') return withRetry(TRANSIENT_SENTENCES.TIMEOUT!, willRetry);
    const message = safeText(error.message);
    if (!message) return 'Something went wrong.';
    return `Something went wrong: ${message}${/[.!?…]$/.test(message) ? '' : '.'}`;
  }
  return 'Something unexpected went wrong.';
}
