// Typed failures of the Rodin API, created only by the client; `describeError` turns any of them into a sentence.
export type RodinErrorKind =
  'auth' | 'rate-limited' | 'service' | 'transient' | 'protocol' | 'usage' | 'outcome-unknown';

export abstract class RodinError extends Error {
  abstract readonly kind: RodinErrorKind;
  /** A stable machine-readable code: the Rodin code for service errors, the kind otherwise. */
  abstract readonly code: string;
}

/** 401, or an UNAUTHORIZED body: the key is missing, wrong or revoked. */
export class AuthError extends RodinError {
  readonly kind = 'auth';
  readonly code = 'UNAUTHORIZED';
  constructor(message = 'The API key was rejected.') {
    super(message);
    this.name = 'AuthError';
  }
}

/** 429: wait `retryAfterMs` before any further call. */
export class RateLimitedError extends RodinError {
  readonly kind = 'rate-limited';
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly retryAfterMs: number,
    message = 'The Rodin API asked us to slow down.',
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/** The service answered with an application error code (often inside an HTTP 201). */
export class ServiceError extends RodinError {
  readonly kind = 'service';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Worth retrying later: 5xx, an HTML page from a proxy, a timeout, a refused or dropped connection. */
export class TransientError extends RodinError {
  readonly kind = 'transient';
  constructor(
    readonly code: 'HTTP_5XX' | 'HTML_RESPONSE' | 'TIMEOUT' | 'NETWORK' | 'HTTP_OTHER',
    message: string,
    /** For NETWORK: the system's code (ECONNREFUSED, ECONNRESET…) when fetch gave one. */
    readonly systemCode?: string,
  ) {
    super(message);
    this.name = 'TransientError';
  }
}

/** A 2xx answer we cannot understand (not JSON, or not the documented shape). */
export class ProtocolError extends RodinError {
  readonly kind = 'protocol';
  readonly code = 'PROTOCOL';
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** A request we refuse to send: bad base URL, plain http to a non-loopback host, a malformed key. */
export class UsageError extends RodinError {
  readonly kind = 'usage';
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A generation request left us and no usable answer came back (timeout, dropped connection, server error, an
 * unreadable 2xx): the task may exist and may have been charged. Never resubmitted by the app on its own.
 */
export class OutcomeUnknownError extends RodinError {
  readonly kind = 'outcome-unknown';
  readonly code = 'SUBMITTED_UNKNOWN';
  constructor(
    message: string,
    /** What went wrong after sending: TIMEOUT, NETWORK, HTTP_5XX or PROTOCOL. */
    readonly after: string,
  ) {
    super(message);
    this.name = 'OutcomeUnknownError';
  }
}
