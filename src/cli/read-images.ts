// Reads --image files for a generation: each must exist, be small enough and really be a PNG, JPEG or WebP.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_IMAGE_BYTES, MAX_IMAGES, sniffImageType, type GenerationImage } from '../shared/generation';
import { usageError } from './exit-codes';

export async function readImages(paths: readonly string[]): Promise<GenerationImage[]> {
  if (paths.length > MAX_IMAGES)
    throw usageError(`At most ${MAX_IMAGES} --image files can be sent (got ${paths.length}).`);
  const images: GenerationImage[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw usageError(`--image "${path}": no such file.`);
    if (!info.isFile()) throw usageError(`--image "${path}" is not a file.`);
    // Checked before reading, so a huge file is never loaded into memory.
    if (info.size > MAX_IMAGE_BYTES) {
      throw usageError(
        `--image "${path}" is ${(info.size / 1024 / 1024).toFixed(1)} MB; an image can be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`,
      );
    }
    const data = new Uint8Array(await readFile(path));
    const type = sniffImageType(data);
    if (!type) throw usageError(`--image "${path}" is not a PNG, JPEG or WebP image.`);
    images.push({ name: basename(path), type, data });
  }
  return images;
}
