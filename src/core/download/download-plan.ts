// Judges each entry of a task's download list on its own: which files are fetched, under which names, and why others are refused.
import { isLoopbackHost } from '../rodin/base-url';
import type { DownloadItem } from '../rodin/types';
import { cleanFileName, safeFileName } from './safe-file-name';

/** A longer list is cut here: no real task has this many results, and each entry costs a request. */
export const MAX_LIST_ENTRIES = 100;

/**
 * File types a Rodin result can be (3D formats, their textures and archives, preview images and renders, and
 * plain data). Anything else (an .exe, .lnk, .desktop, .sh…) is refused, so a click in a file manager can never
 * run something the service (or whoever answers in its place) sent.
 */
export const RESULT_EXTENSIONS: ReadonlySet<string> = new Set([
  'glb', 'gltf', 'bin', 'fbx', 'obj', 'mtl', 'usdz', 'usd', 'usda', 'usdc', 'stl', 'ply', '3mf', 'zip',
  'png', 'jpg', 'jpeg', 'webp', 'gif', 'tga', 'exr', 'hdr', 'ktx2', 'mp4', 'webm', 'json', 'txt',
]); // prettier-ignore

export interface PlannedFile {
  /** The service's entry, kept to find the same file in a fresh list. */
  item: DownloadItem;
  /** The file's name in the folder (safe, unique). */
  name: string;
  url: URL;
}

export interface RefusedFile {
  /** The entry's name made safe for display (never its URL, which is signed). */
  name: string;
  /** Short phrase: "not an https link", "listed twice"… */
  reason: string;
}

export interface DownloadPlan {
  files: PlannedFile[];
  refused: RefusedFile[];
}

export interface UrlRules {
  /** Plain http is accepted only when the API itself is on this machine (the simulator), and only to this machine. */
  allowPlainHttp: boolean;
}

/** Why a link may not be fetched, or undefined when it may: https anywhere, http only as `rules` allow. */
export function urlProblem(url: URL, rules: UrlRules): string | undefined {
  if (url.protocol === 'http:') {
    if (!rules.allowPlainHttp) return 'not an https link';
    if (!isLoopbackHost(url.hostname)) return 'plain http to another computer';
  } else if (url.protocol !== 'https:') {
    return 'not an https link';
  }
  if (url.username || url.password) return 'the link carries a user name or password';
  return undefined;
}

export function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function displayName(raw: string): string {
  return cleanFileName(raw) ?? '(no name)';
}

/**
 * Splits the list into files to fetch and refused entries. `taken` holds names already in the folder: a
 * re-download never overwrites, it gets "name (2).ext". Two entries with the same name in one list are a
 * duplicate: the first is kept.
 */
export function planDownloads(list: readonly DownloadItem[], taken: Set<string>, rules: UrlRules): DownloadPlan {
  const files: PlannedFile[] = [];
  const refused: RefusedFile[] = [];
  const seen = new Set<string>();
  for (const [index, item] of list.entries()) {
    if (index >= MAX_LIST_ENTRIES) {
      refused.push({ name: displayName(item.name), reason: `over the ${MAX_LIST_ENTRIES}-file limit` });
      continue;
    }
    const clean = cleanFileName(item.name);
    if (!clean) {
      refused.push({ name: '(no name)', reason: 'no usable file name' });
      continue;
    }
    if (seen.has(clean.toLowerCase())) {
      refused.push({ name: clean, reason: 'listed twice' });
      continue;
    }
    seen.add(clean.toLowerCase());
    const extension = extensionOf(clean);
    if (!RESULT_EXTENSIONS.has(extension)) {
      const what = extension ? `.${extension}` : 'no file type';
      refused.push({ name: clean, reason: `not a 3D or image file (${what})` });
      continue;
    }
    const url = parseUrl(item.url);
    const problem = url ? urlProblem(url, rules) : 'not a valid link';
    if (!url || problem) {
      refused.push({ name: clean, reason: problem ?? 'not a valid link' });
      continue;
    }
    files.push({ item, name: safeFileName(clean, taken), url });
  }
  return { files, refused };
}
