// What a Rodin generation can ask for (rodin-api.md, "Generation parameters") and what it costs: plain data the
// window's form, the CLI, the client's validation and the simulator all read from this one place.

export const TIERS = [
  'Sketch',
  'Regular',
  'Detail',
  'Smooth',
  'Gen-2',
  'Gen-2.5-Extreme-Low',
  'Gen-2.5-Low',
  'Gen-2.5-Medium',
  'Gen-2.5-High',
  'Gen-2.5-Extreme-High',
] as const;
export const GEOMETRY_FORMATS = ['glb', 'usdz', 'fbx', 'obj', 'stl'] as const;
export const MATERIALS = ['PBR', 'Shaded', 'All', 'None'] as const;
export const QUALITIES = ['high', 'medium', 'low', 'extra-low'] as const;
export const MESH_MODES = ['Quad', 'Raw'] as const;
export const CONDITION_MODES = ['concat', 'fuse'] as const;
export const ADDONS = ['HighPack'] as const;

export type Tier = (typeof TIERS)[number];
export type GeometryFormat = (typeof GEOMETRY_FORMATS)[number];
export type Material = (typeof MATERIALS)[number];
export type Quality = (typeof QUALITIES)[number];
export type MeshMode = (typeof MESH_MODES)[number];
export type ConditionMode = (typeof CONDITION_MODES)[number];
export type Addon = (typeof ADDONS)[number];

/** The service takes up to five images; the first one drives the materials. */
export const MAX_IMAGES = 5;
/** Far above a useful photo; keeps an accidental RAW file or video from being uploaded (and held in memory). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** The image kinds Rodin accepts (JPEG, PNG, WebP), told apart by their first bytes, not by a name or a claim. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export const MAX_PROMPT_CHARS = 1024;
export const MAX_SEED = 65_535;
export const MIN_QUALITY_OVERRIDE = 500;
export const MAX_QUALITY_OVERRIDE = 2_000_000;

export const DEFAULT_TIER: Tier = 'Regular';
export const DEFAULT_GEOMETRY_FORMAT: GeometryFormat = 'glb';
export const DEFAULT_MATERIAL: Material = 'PBR';

export interface GenerationImage {
  name: string;
  /** Filled in from the bytes by `sniffImageType` where the caller does not know it. */
  type: string;
  data: Uint8Array;
}

/**
 * One generation as this app describes it. Choices are plain strings because they arrive from people (CLI flags,
 * the window); `checkGenerationParams` in core says what is wrong with them before anything is sent.
 */
export interface GenerationParams {
  prompt?: string;
  /** In the order the user arranged them. */
  images?: GenerationImage[];
  tier?: string;
  geometryFileFormat?: string;
  material?: string;
  quality?: string;
  /** A face count that takes precedence over `quality`. */
  qualityOverride?: number;
  meshMode?: string;
  seed?: number;
  conditionMode?: string;
  TAPose?: boolean;
  useOriginalAlpha?: boolean;
  previewRender?: boolean;
  /** Width, height, length of the bounding box the object should fit. */
  bboxCondition?: number[];
  addons?: string[];
}

/** Credits a generation costs (rodin-api.md): 0.5, 1 for Gen-2.5-Extreme-High, +1 for HighPack. */
export function estimateGenerationCost(params: Pick<GenerationParams, 'tier' | 'addons'>): number {
  const base = params.tier === 'Gen-2.5-Extreme-High' ? 1 : 0.5;
  return base + (params.addons?.includes('HighPack') ? 1 : 0);
}

/** The image kind from its first bytes (PNG, JPEG, WebP signatures), or undefined for anything else. */
export function sniffImageType(data: Uint8Array): ImageType | undefined {
  const starts = (bytes: number[], at = 0) => bytes.every((b, i) => data[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}
