// Bundle sizes of the built window: what the first load reads (the scripts index.html loads) against its budget, and
// the 3D viewer's chunk (three.js), which is fetched only when a model is shown.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RENDERER_DIR } from '../test/renderer/static-server';

/** The window's first-load budget for JavaScript, gzipped (the renderer bench's limit). */
export const FIRST_LOAD_LIMIT_KB = 150;

interface Size {
  raw: number;
  gzip: number;
}

function sizeOf(files: string[]): Size {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(join(RENDERER_DIR, file));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { raw: raw / 1024, gzip: gzip / 1024 };
}

/** The first load's scripts: those index.html names (its entry and any modulepreload), not lazy chunks. */
export function firstLoadScripts(): string[] {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
}

export function runBundleBench(): { lines: string[]; firstLoadGzipKb: number } {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    const reason = 'bundle bench skipped: out/renderer is not built (run `npx electron-vite build`).';
    return { lines: [reason], firstLoadGzipKb: Number.NaN };
  }
  const first = sizeOf(firstLoadScripts());
  const viewer = readdirSync(join(RENDERER_DIR, 'assets')).filter((f) => /^model-scene-.*\.js$/.test(f));
  const viewerSize = sizeOf(viewer.map((f) => `assets/${f}`));
  const met = first.gzip <= FIRST_LOAD_LIMIT_KB ? 'met' : 'MISSED';
  return {
    lines: [
      `bundle: first load JavaScript ${first.raw.toFixed(1)} KB, ${first.gzip.toFixed(1)} KB gzipped (limit ${FIRST_LOAD_LIMIT_KB} KB: ${met})`,
      viewer.length
        ? `bundle: 3D viewer chunk (three.js, loaded when a model is shown) ${viewerSize.raw.toFixed(1)} KB, ${viewerSize.gzip.toFixed(1)} KB gzipped`
        : 'bundle: no 3D viewer chunk found (it should be split from the first load)',
    ],
    firstLoadGzipKb: first.gzip,
  };
}
