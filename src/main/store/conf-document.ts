// Opens one JSON document through conf (atomic writes); a file that cannot be parsed is moved aside, never deleted.
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredDocument } from './migrations';

/** The part of conf/electron-store we use: reading and replacing the whole document. */
export interface ConfLike {
  store: Record<string, unknown>;
  readonly path: string;
}

/** Opens `<cwd>/<name>.json`: `new Conf({ cwd, configName: name })`, or electron-store in the app. */
export type ConfFactory = (options: { cwd: string; name: string }) => ConfLike;

export interface OpenedDocument {
  conf: ConfLike;
  document: StoredDocument;
  notices: string[];
}

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

export function documentPath(cwd: string, name: string): string {
  return join(cwd, `${name}.json`);
}

/** Keeps a copy of the file as it is now, next to it, and returns where. */
export function keepCopy(cwd: string, name: string, tag: string, now: number, move: boolean): string {
  const aside = join(cwd, `${name}.${tag}-${stamp(now)}.json`);
  (move ? renameSync : copyFileSync)(documentPath(cwd, name), aside);
  return aside;
}

export function openConfDocument(factory: ConfFactory, cwd: string, name: string, now: number): OpenedDocument {
  try {
    const conf = factory({ cwd, name });
    return { conf, document: conf.store, notices: [] };
  } catch (error) {
    // Only an unreadable file is ours to repair; a permission problem or a full disk must surface as it is.
    if (!(error instanceof SyntaxError) || !existsSync(documentPath(cwd, name))) throw error;
    const aside = keepCopy(cwd, name, 'corrupt', now, true);
    const conf = factory({ cwd, name });
    return {
      conf,
      document: conf.store,
      notices: [`The ${name} file could not be read and was moved aside to ${aside}; Rodin Tray started fresh.`],
    };
  }
}
