// The form's images: read from files, the clipboard or a drop, checked like the service would, shown as thumbnails,
// kept in the order the user arranged (the first one drives the materials).
import { checkGenerationImages } from '../../shared/check-generation';
import { MAX_IMAGES, sniffImageType, type GenerationImage } from '../../shared/generation';

export interface FormImage extends GenerationImage {
  /** Stable across reorders, for list keys and focus. */
  key: string;
  /** A data: URL for the thumbnail (the page's CSP allows data: images, not blob:). */
  url: string;
}

let nextKey = 0;

function dataUrl(image: GenerationImage): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string); // readAsDataURL always gives a string
    reader.onerror = () => reject(new Error('unreadable'));
    reader.readAsDataURL(new Blob([new Uint8Array(image.data)], { type: image.type }));
  });
}

/** Adds what can be used from `files` after `current`; says in a sentence each why the rest was left out. */
export async function addImageFiles(
  current: readonly FormImage[],
  files: readonly File[],
): Promise<{ images: FormImage[]; problems: string[] }> {
  const images = [...current];
  const problems: string[] = [];
  for (const file of files) {
    if (images.length >= MAX_IMAGES) {
      problems.push(`At most ${MAX_IMAGES} images can be sent, so “${file.name}” was left out.`);
      continue;
    }
    const data = new Uint8Array(await file.arrayBuffer());
    const image = { name: file.name || 'pasted image', type: sniffImageType(data) ?? file.type, data };
    const [problem] = checkGenerationImages([image]);
    if (problem) {
      problems.push(problem);
      continue;
    }
    images.push({ ...image, key: `img-${++nextKey}`, url: await dataUrl(image) });
  }
  return { images, problems };
}

/** Images handed over by main (the clipboard draft), ready to show. */
export async function toFormImages(images: readonly GenerationImage[]): Promise<FormImage[]> {
  return Promise.all(images.map(async (image) => ({ ...image, key: `img-${++nextKey}`, url: await dataUrl(image) })));
}

export function moveImage(images: readonly FormImage[], index: number, delta: -1 | 1): FormImage[] {
  const to = index + delta;
  if (to < 0 || to >= images.length) return [...images];
  const next = [...images];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** A fresh id for one confirmed submission, so main can refuse a message that arrives twice. */
export function newAttemptId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
