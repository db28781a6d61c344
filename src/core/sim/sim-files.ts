// The simulator's file host: a done task's results behind signed, expiring links (as S3 presigned URLs are), and
// optionally a redirect in front of them (as a CDN or storage front answers).
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildSampleModelGlb } from './sample-model';
import { buildTinyWebp } from './sample-files';
import { sendText, writeHead } from './sim-http';

export const SIM_MODEL_FILE = 'base_basic_pbr.glb';
export const SIM_PREVIEW_FILE = 'preview.webp';

const EXPIRED_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
const BAD_SIGNATURE_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>';

export interface FileHost {
  /** The download list of a done task: every file, each with a freshly signed link. */
  list(taskUuid: string): { url: string; name: string }[];
  /** Answers a request outside /api/: a redirect, a file, 403 for a bad or expired signature, else 404. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): void;
}

export function createFileHost(deps: {
  secret: Buffer;
  now: () => number;
  urlTtlMs: number;
  redirectDownloads: boolean;
  /** http://127.0.0.1:PORT, known once the server listens. */
  origin: () => string;
  hasTask: (taskUuid: string) => boolean;
}): FileHost {
  const { now, urlTtlMs } = deps;
  const files = new Map<string, { bytes: Uint8Array; type: string }>([
    [SIM_MODEL_FILE, { bytes: buildSampleModelGlb(), type: 'model/gltf-binary' }],
    [SIM_PREVIEW_FILE, { bytes: buildTinyWebp(), type: 'image/webp' }],
  ]);

  const sign = (path: string, expiresAt: number) =>
    createHmac('sha256', deps.secret).update(`${path}\n${expiresAt}`).digest('hex');

  const signedUrl = (taskUuid: string, name: string): string => {
    const path = `/files/${taskUuid}/${encodeURIComponent(name)}`;
    const expiresAt = now() + urlTtlMs;
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Expires': String(Math.round(urlTtlMs / 1000)),
      Expires: String(expiresAt),
      'X-Amz-Signature': sign(path, expiresAt),
    });
    return `${deps.origin()}${deps.redirectDownloads ? '/redirect' : ''}${path}?${query.toString()}`;
  };

  function serveFile(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const match = /^\/files\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const file = match?.[2] ? files.get(decodeURIComponent(match[2])) : undefined;
    if (!match?.[1] || !file || !deps.hasTask(match[1]) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendText(res, 404, 'text/plain', 'Not Found');
    }
    const expiresAt = Number(url.searchParams.get('Expires'));
    const signature = url.searchParams.get('X-Amz-Signature') ?? '';
    if (!Number.isFinite(expiresAt) || signature !== sign(url.pathname, expiresAt)) {
      return sendText(res, 403, 'application/xml', BAD_SIGNATURE_XML);
    }
    if (now() >= expiresAt) return sendText(res, 403, 'application/xml', EXPIRED_XML);
    writeHead(res, 200, { 'content-type': file.type, 'content-length': String(file.bytes.length) });
    res.end(req.method === 'HEAD' ? undefined : file.bytes);
  }

  return {
    list: (taskUuid) => [...files.keys()].map((name) => ({ url: signedUrl(taskUuid, name), name })),
    serve(req, res, url) {
      if (url.pathname.startsWith('/redirect/')) {
        writeHead(res, 302, { location: `${url.pathname.slice('/redirect'.length)}${url.search}` });
        res.end();
        return;
      }
      serveFile(req, res, url);
    },
  };
}
