// rodin-preview:// serves a known task's downloaded preview from that task's own folder, and nothing else on disk.
import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { verifiedTaskFolder } from '../../core/download/task-folder';

export const PREVIEW_SCHEME = 'rodin-preview';

const CONTENT_TYPES: Record<string, string> = {
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

export interface RegisteredPreview {
  /** The task's own results folder: every request is confined to it. */
  folder: string;
  file: string;
}

/** Files the controller named as a task's preview; only these can be asked for, by task id, never by path. */
export interface PreviewRegistry {
  /** `file` must sit directly in `folder`, the task's results folder. */
  urlFor(taskId: string, folder: string, file: string): string | undefined;
  /** The file behind a rodin-preview URL, or undefined when the URL does not name a registered preview. */
  resolve(url: string): RegisteredPreview | undefined;
}

export function createPreviewRegistry(): PreviewRegistry {
  const files = new Map<string, RegisteredPreview>();
  return {
    urlFor(taskId, folder, file) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(taskId) || !isAbsolute(file) || !isAbsolute(folder)) return undefined;
      if (dirname(resolvePath(file)) !== resolvePath(folder)) return undefined;
      if (!CONTENT_TYPES[extname(file).toLowerCase()]) return undefined;
      files.set(taskId, { folder: resolvePath(folder), file: resolvePath(file) });
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
      const entry = files.get(taskId);
      if (!entry) return undefined;
      let decoded: string;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        return undefined;
      }
      return decoded === basename(entry.file) ? entry : undefined;
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

/**
 * The protocol handler: 404 for anything not registered, outside its task's own folder (links followed), or in a
 * folder that is not a directory under one of the download `roots` (the stored path may have been tampered with).
 */
export async function servePreview(
  registry: PreviewRegistry,
  url: string,
  roots: readonly string[],
): Promise<Response> {
  const entry = registry.resolve(url);
  const folder = entry && (await firstVerified(entry.folder, roots));
  const file = entry?.file;
  if (!folder || !file || !(await isInsideFolder(file, folder))) return new Response('Not found', { status: 404 });
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

async function firstVerified(folder: string, roots: readonly string[]): Promise<string | undefined> {
  for (const root of roots) {
    const verified = await verifiedTaskFolder(folder, root);
    if (verified) return verified;
  }
  return undefined;
}
