// rodin-preview:// serves the downloaded preview image and 3D model of a known task, and nothing else on disk.
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute } from 'node:path';
import { isInsideFolder } from '../../core/download/inside-folder';

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

/** Files the controller named as a task's preview or model; only these can be asked for, by task id, never by path. */
export interface PreviewRegistry {
  urlFor(taskId: string, file: string): string | undefined;
  /** The file behind a rodin-preview URL, or undefined when the URL does not name a registered preview. */
  resolve(url: string): string | undefined;
}

export function createPreviewRegistry(): PreviewRegistry {
  // Per task: file name → path (a task has one preview and one model, named differently).
  const files = new Map<string, Map<string, string>>();
  return {
    urlFor(taskId, file) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(taskId) || !isAbsolute(file)) return undefined;
      if (!CONTENT_TYPES[extname(file).toLowerCase()]) return undefined;
      const named = files.get(taskId) ?? new Map<string, string>();
      named.set(basename(file), file);
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

/**
 * The protocol handler: 404 for anything not registered or outside its task's download folder. `allowOrigin` is the
 * renderer page's origin: the 3D view fetch()es the model cross-origin, which needs CORS; no other page gets it.
 */
export async function servePreview(registry: PreviewRegistry, url: string, allowOrigin?: string): Promise<Response> {
  const file = registry.resolve(url);
  if (!file || !(await isInsideFolder(file, dirname(file)))) return new Response('Not found', { status: 404 });
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
