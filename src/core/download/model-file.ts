// Which downloaded file is "the model" of a task, and whether the window can show it in 3D.
import { basename, extname } from 'node:path';
import type { ModelFormat } from '../../shared/snapshot';

/** Rodin's geometry formats, most useful first: a task's model is the first of these among its files. */
const FORMATS: readonly ModelFormat[] = ['glb', 'gltf', 'fbx', 'usdz', 'obj', 'stl'];

/** Formats the window's viewer (three.js GLTFLoader) draws; the others get a thumbnail and "Open in default app". */
const VIEWABLE: ReadonlySet<ModelFormat> = new Set(['glb', 'gltf']);

export function modelFormatOf(file: string): ModelFormat | undefined {
  const ext = extname(file).slice(1).toLowerCase();
  return (FORMATS as readonly string[]).includes(ext) ? (ext as ModelFormat) : undefined;
}

export function isViewableModel(format: ModelFormat): boolean {
  return VIEWABLE.has(format);
}

/** The task's main model file among its downloaded files (paths), or undefined when none is a model. */
export function pickModelFile(
  files: readonly string[],
): { file: string; name: string; format: ModelFormat } | undefined {
  for (const format of FORMATS) {
    const file = files.find((f) => modelFormatOf(f) === format);
    if (file) return { file, name: basename(file), format };
  }
  return undefined;
}
