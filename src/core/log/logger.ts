// A small levelled logger whose every line passes through `redact`, so keys never reach a log sink.
import { findJwtLikeTokens } from '../input/jwt-shape';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, details?: unknown): void;
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
  setLevel(level: LogLevel): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where finished lines go (a file, stderr…); defaults to nowhere. */
  sink?: (line: string) => void;
  /** Asked on every line, so a key changed at runtime is redacted at once. */
  secrets?: () => string[];
  /** Adds an ISO timestamp to each line; without it the sink decides. */
  now?: () => number;
}

/** "…abcd" for long values; short ones are hidden entirely since four characters would be most of them. */
function shorten(value: string): string {
  return value.length >= 12 ? `…${value.slice(-4)}` : '…';
}

// Linear regexes: a literal anchor followed by one character class, nothing that can backtrack quadratically.
const BEARER = /\b(Bearer\s+)([A-Za-z0-9._~+/=-]+)/gi;
const SUBSCRIPTION_FIELD = /(subscription_?key["']?\s*[:=]\s*["']?)([A-Za-z0-9_.-]{8,})/gi;

/**
 * Shortens JWT-shaped strings (subscription keys), Bearer tokens, `subscription_key` values and every given
 * secret (the API key) to "…last4".
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join(shorten(secret));
  }
  const tokens = findJwtLikeTokens(out);
  if (tokens.length > 0) {
    let rebuilt = '';
    let last = 0;
    for (const t of tokens) {
      rebuilt += out.slice(last, t.start) + shorten(t.token);
      last = t.end;
    }
    out = rebuilt + out.slice(last);
  }
  out = out.replace(BEARER, (_m, prefix: string, token: string) => prefix + shorten(token));
  out = out.replace(SUBSCRIPTION_FIELD, (_m, prefix: string, value: string) => prefix + shorten(value));
  return out;
}

function formatDetails(details: unknown): string {
  if (details === undefined) return '';
  if (details instanceof Error) return ` ${details.name}: ${details.message}`;
  if (typeof details === 'string') return ` ${details}`;
  try {
    return ` ${JSON.stringify(details, (_k, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v))}`;
  } catch {
    return ' [unserialisable details]';
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  let threshold = LEVEL_ORDER[options.level ?? 'info'];
  const sink = options.sink ?? (() => {});

  function write(level: LogLevel, message: string, details: unknown): void {
    if (LEVEL_ORDER[level] < threshold) return;
    const stamp = options.now ? `${new Date(options.now()).toISOString()} ` : '';
    const line = `${stamp}${level.toUpperCase()} ${message}${formatDetails(details)}`;
    sink(redact(line, options.secrets?.() ?? []));
  }

  return {
    debug: (message, details) => write('debug', message, details),
    info: (message, details) => write('info', message, details),
    warn: (message, details) => write('warn', message, details),
    error: (message, details) => write('error', message, details),
    setLevel(level) {
      threshold = LEVEL_ORDER[level];
    },
  };
}
