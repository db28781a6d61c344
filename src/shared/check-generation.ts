// What is wrong with a generation before it is sent, one sentence per problem: the window shows these live, the
// CLI prints them, and the client refuses to spend credits on a request the service would reject.
import {
  ADDONS,
  CONDITION_MODES,
  GEOMETRY_FORMATS,
  IMAGE_TYPES,
  MATERIALS,
  MAX_IMAGE_BYTES,
  MAX_IMAGES,
  MAX_PROMPT_CHARS,
  MAX_QUALITY_OVERRIDE,
  MAX_SEED,
  MESH_MODES,
  MIN_QUALITY_OVERRIDE,
  QUALITIES,
  TIERS,
  sniffImageType,
  type GenerationParams,
} from './generation';

const MB = 1024 * 1024;

function oneOf(what: string, value: string | undefined, allowed: readonly string[]): string[] {
  if (value === undefined || allowed.includes(value)) return [];
  return [`${what} "${value}" is not known; choose one of ${allowed.join(', ')}.`];
}

function wholeNumberIn(value: number | undefined, min: number, max: number): boolean {
  return value === undefined || (Number.isInteger(value) && value >= min && value <= max);
}

export function checkGenerationImages(images: GenerationParams['images'] = []): string[] {
  const problems: string[] = [];
  if (images.length > MAX_IMAGES) {
    problems.push(`At most ${MAX_IMAGES} images can be sent; remove ${images.length - MAX_IMAGES}.`);
  }
  for (const [index, image] of images.entries()) {
    const name = image.name.trim() ? `"${image.name}"` : `Image ${index + 1}`;
    if (image.data.byteLength === 0) {
      problems.push(`${name} is empty.`);
    } else if (image.data.byteLength > MAX_IMAGE_BYTES) {
      const size = (image.data.byteLength / MB).toFixed(1);
      problems.push(`${name} is ${size} MB; an image can be at most ${MAX_IMAGE_BYTES / MB} MB.`);
    } else if (!sniffImageType(image.data)) {
      problems.push(`${name} is not a PNG, JPEG or WebP image.`);
    } else if (!(IMAGE_TYPES as readonly string[]).includes(image.type)) {
      problems.push(`${name} is sent as "${image.type}", not as a PNG, JPEG or WebP image.`);
    }
  }
  return problems;
}

/** Every problem with `params`, in the order of the form; an empty list means the request may be sent. */
export function checkGenerationParams(params: GenerationParams): string[] {
  const problems: string[] = [];
  const prompt = params.prompt?.trim() ?? '';
  const images = params.images ?? [];
  if (!prompt && images.length === 0) {
    problems.push('Write a prompt or add an image: a generation without images is made from its prompt.');
  }
  if (prompt.length > MAX_PROMPT_CHARS) {
    problems.push(`The prompt can be at most ${MAX_PROMPT_CHARS} characters; it has ${prompt.length}.`);
  }
  problems.push(...checkGenerationImages(images));
  problems.push(
    ...oneOf('Tier', params.tier, TIERS),
    ...oneOf('Format', params.geometryFileFormat, GEOMETRY_FORMATS),
    ...oneOf('Material', params.material, MATERIALS),
    ...oneOf('Quality', params.quality, QUALITIES),
    ...oneOf('Mesh mode', params.meshMode, MESH_MODES),
    ...oneOf('Condition mode', params.conditionMode, CONDITION_MODES),
  );
  if (!wholeNumberIn(params.qualityOverride, MIN_QUALITY_OVERRIDE, MAX_QUALITY_OVERRIDE)) {
    problems.push(
      `The face count must be a whole number from ${MIN_QUALITY_OVERRIDE} to ${MAX_QUALITY_OVERRIDE.toLocaleString('en-US')}.`,
    );
  }
  if (!wholeNumberIn(params.seed, 0, MAX_SEED)) {
    problems.push(`The seed must be a whole number from 0 to ${MAX_SEED}.`);
  }
  const bbox = params.bboxCondition;
  if (bbox && !(bbox.length === 3 && bbox.every((n) => Number.isInteger(n) && n > 0))) {
    problems.push('The bounding box needs three positive whole numbers (width, height, length).');
  }
  for (const addon of params.addons ?? []) {
    if (!(ADDONS as readonly string[]).includes(addon)) {
      problems.push(`Add-on "${addon}" is not known; the only add-on is ${ADDONS.join(', ')}.`);
    }
  }
  return problems;
}
