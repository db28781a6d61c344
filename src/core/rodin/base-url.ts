// Checks and normalises the Rodin base URL setting: https anywhere, plain http only to this machine.
import { UsageError } from './errors';

/** True for 127.0.0.0/8, ::1 (with or without brackets), localhost and *.localhost. */
export function isLoopbackHost(hostname: string): boolean {
  let host = hostname.trim().toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  // WHATWG URL keeps IPv4-mapped addresses in hex form (::ffff:7f00:1); accept the dotted form too.
  const mapped = /^::ffff:(.+)$/.exec(host);
  if (mapped?.[1]) return isLoopbackIpv4(mapped[1]) || isMappedHexLoopback(mapped[1]);
  return isLoopbackIpv4(host);
}

function isLoopbackIpv4(host: string): boolean {
  const parts = host.split('.');
  if (parts.length !== 4) return false;
  if (!parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return false;
  return parts[0] === '127';
}

function isMappedHexLoopback(tail: string): boolean {
  const m = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
  return !!m?.[1] && parseInt(m[1], 16) >> 8 === 127;
}

/**
 * Returns the base URL without trailing slashes, or throws a UsageError saying why it cannot be used.
 * Plain http would send the API key in clear text, so it is allowed only to a loopback host (tests, demo).
 */
export function normalizeBaseUrl(url: string): string {
  const text = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new UsageError(
      'The Rodin base URL is not a valid URL (expected something like https://api.hyper3d.com/api).',
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new UsageError(`The Rodin base URL must start with https:// (got ${parsed.protocol}).`);
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new UsageError(
      `The Rodin base URL must use https:// (plain http:// is allowed only for this computer, not ${parsed.hostname}).`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new UsageError('The Rodin base URL must not contain a user name or password.');
  }
  if (parsed.search || parsed.hash) {
    throw new UsageError('The Rodin base URL must not contain a query (?) or fragment (#).');
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}
