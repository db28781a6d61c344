// app://rodin/… serves the built window from out/renderer and nothing else: confined, typed, with the CSP as a header.
// Electron's docs say to serve local pages from a custom protocol rather than file:// (with the fuse
// grantFileProtocolExtraPrivileges off, a file:// page cannot read the asar and its module scripts are blocked by CORS).
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';

export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'rodin';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://${RENDERER_HOST}`;
export const RENDERER_INDEX_URL = `${RENDERER_ORIGIN}/index.html`;

/** Only what the window's build emits; anything else is a 404, not a download. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** When the page's own meta tag cannot be read, nothing may load: a blank window is better than a lax one. */
const FALLBACK_CSP = "default-src 'none'";

export type RendererHandler = (request: Request) => Promise<Response>;

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The CSP of the page's meta tag, so the header and the tag can never disagree (one home: index.html). */
export function cspOfPage(html: string): string | undefined {
  const tag = /<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0];
  return tag ? /\scontent=(["'])(.*?)\1/is.exec(tag)?.[2]?.replace(/\s+/g, ' ').trim() : undefined;
}

/**
 * The file a renderer URL names, relative to the root, or undefined when the URL is not ours or not a plain path:
 * each segment is decoded once and must not be empty, `.`, `..`, or hold a slash, backslash or NUL after decoding.
 */
export function rendererFileOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${RENDERER_SCHEME}:` || parsed.host !== RENDERER_HOST) return undefined;
  if (parsed.username || parsed.password || parsed.port) return undefined;
  // A standard scheme's empty path is '/'; Node's URL leaves it empty for a scheme it does not know.
  const raw = parsed.pathname === '/' || parsed.pathname === '' ? ['index.html'] : parsed.pathname.slice(1).split('/');
  const segments: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (!decoded || decoded === '.' || decoded === '..' || /[/\\\0]/.test(decoded)) return undefined;
    segments.push(decoded);
  }
  return segments.join('/');
}

/** True when `file`, links followed, is inside `root` (already real). */
async function isInside(file: string, root: string): Promise<boolean> {
  try {
    const rel = relative(root, await realpath(file));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  } catch {
    return false;
  }
}

/** The protocol.handle handler for the window: GET and HEAD of files under `root`, 404 for anything else. */
export function createRendererHandler(root: string): RendererHandler {
  let realRoot: Promise<string> | undefined;
  let csp: Promise<string> | undefined;
  const pageCsp = () =>
    (csp ??= readFile(join(root, 'index.html'), 'utf8').then(
      (html) => cspOfPage(html) ?? FALLBACK_CSP,
      () => FALLBACK_CSP,
    ));

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const name = rendererFileOf(request.url);
    const type = name ? CONTENT_TYPES[extname(name).toLowerCase()] : undefined;
    if (!name || !type) return notFound();
    realRoot ??= realpath(root).catch(() => root);
    const file = join(root, ...name.split('/'));
    if (!(await isInside(file, await realRoot))) return notFound();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return notFound();
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      headers: {
        'content-type': type,
        'content-security-policy': await pageCsp(),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  };
}
