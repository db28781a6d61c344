// Whether a file really lives inside a folder once links are followed: the guard before serving or handing out a path.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';

/** True when `file` (after following links) exists and is inside `folder` (after following links). */
export async function isInsideFolder(file: string, folder: string): Promise<boolean> {
  try {
    const [realFile, realFolder] = await Promise.all([realpath(file), realpath(folder)]);
    const rel = relative(realFolder, realFile);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  } catch {
    return false;
  }
}
