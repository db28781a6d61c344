// rodin-preview:// serves a known task's downloaded preview and 3D model from that task's own folder, nothing else.
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, resolve as resolvePath } from 'node:path';
import { isInsideFolder } from '../../core/download/inside-folder';
import { verifiedTaskFolder } from '../../core/download/task-folder';

export const PREVIEW_SCHEME = 'rodin-preview';

const CONTENT_TYPES: Record<string, string> = {
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  // The window's 3D view reads these with fetch() (GLTFLoader), hence the CORS header below.
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
};

export interface RegisteredPreview {
  /** The task's own results folder: every request is confined to it. */
  folder: string;
  file: string;
}

/** Files the controller named as a task's preview or model; only these can be asked for, by task id, never by path. */
export interface PreviewRegistry {
  /** `file` must sit directly in `folder`, the task's results folder. */
  urlFor(taskId: string, folder: string, file: string): string | undefined;
  /** The file behind a rodin-preview URL, or undefined when the URL does not name a registered preview. */
  resolve(url: string): RegisteredPreview | undefined;
}

export function createPreviewRegistry(): PreviewRegistry {
  // Per task: file name → entry (a task has one preview and one model, named differently).
  const files = new Map<string, Map<string, RegisteredPreview>>();
  return {
    urlFor(taskId, folder, file) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(taskId) || !isAbsolute(file) || !isAbsolute(folder)) return undefined;
      if (dirname(resolvePath(file)) !== resolvePath(folder)) return undefined;
      if (!CONTENT_TYPES[extname(file).toLowerCase()]) return undefined;
      const named = files.get(taskId) ?? new Map<string, RegisteredPreview>();
      named.set(basename(file), { folder: resolvePath(folder), file: resolvePath(file) });
      files.set(taskId, named);
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
      let decoded: string;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        return undefined;
      }
      return files.get(taskId)?.get(decoded);
    },
  };
}

export { isInsideFolder } from '../../core/download/inside-folder';

/**
 * The protocol handler: 404 for anything not registered, outside its task's own folder (links followed), or in a
 * folder that is not a directory under one of the download `roots` (the stored path may have been tampered with).
 * `allowOrigin` is the window's origin: the 3D view fetch()es the model cross-origin, which needs CORS; no other page.
 */
export async function servePreview(
  registry: PreviewRegistry,
  url: string,
  roots: readonly string[],
  allowOrigin?: string,
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
        ...(allowOrigin ? { 'access-control-allow-origin': allowOrigin, vary: 'origin' } : {}),
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
