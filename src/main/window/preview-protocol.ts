// rodin-preview:// serves the downloaded preview image of a known task, and nothing else on disk.
import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, relative } from 'node:path';

export const PREVIEW_SCHEME = 'rodin-preview';

const CONTENT_TYPES: Record<string, string> = {
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** Files the controller named as a task's preview; only these can be asked for, by task id, never by path. */
export interface PreviewRegistry {
  urlFor(taskId: string, file: string): string | undefined;
  /** The file behind a rodin-preview URL, or undefined when the URL does not name a registered preview. */
  resolve(url: string): string | undefined;
}

export function createPreviewRegistry(): PreviewRegistry {
  const files = new Map<string, string>();
  return {
    urlFor(taskId, file) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(taskId) || !isAbsolute(file)) return undefined;
      if (!CONTENT_TYPES[extname(file).toLowerCase()]) return undefined;
      files.set(taskId, file);
      return `${PREVIEW_SCHEME}://task/${taskId}/${encodeURIComponent(basename(file))}`;
    },
    resolve(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return undefined;
      }
      if (parsed.protocol !== `${PREVIEW_SCHEME}:` || parsed.hostname !== 'task') return undefined;
      const [taskId, name, ...rest] = parsed.pathname.split('/').filter(Boolean);
      if (!taskId || !name || rest.length) return undefined;
      const file = files.get(taskId);
      if (!file) return undefined;
      let decoded: string;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        return undefined;
      }
      return decoded === basename(file) ? file : undefined;
    },
  };
}

/** True when `file` (after following links) is still inside `folder` (after following links). */
export async function isInsideFolder(file: string, folder: string): Promise<boolean> {
  try {
    const [realFile, realFolder] = await Promise.all([realpath(file), realpath(folder)]);
    const rel = relative(realFolder, realFile);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  } catch {
    return false;
  }
}

/** The protocol handler: 404 for anything not registered or outside its task's download folder. */
export async function servePreview(registry: PreviewRegistry, url: string): Promise<Response> {
  const file = registry.resolve(url);
  if (!file || !(await isInsideFolder(file, dirname(file)))) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
