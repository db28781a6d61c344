// The simulator's result model: a textured toadstool (red cap with white spots, gills, a cream stem) as a real GLB of a
// few KB, drawn from code so it needs no asset pipeline. `npm run make-sample-model` writes it out for a closer look.
import { encodePng } from '../image/png';
import { packGlb } from './sample-files';

/** Sides of the turned (lathe) shape: enough for a round look with smooth normals, few enough to stay small. */
const SIDES = 18;
const TEXTURE_SIZE = 64;

/** A profile point of the turned shape: radius, height and the texture row (v) it maps to. */
type ProfilePoint = readonly [r: number, y: number, v: number];

// Texture rows: cap 0–0.5 (top centre at 0, rim at 0.5), gills 0.5–0.75, stem 0.75–1 (bottom centre at 1).
const CAP_V = 0.5;
const GILLS_V = 0.75;
const CAP_HEIGHT = 0.75;
const RIM_Y = 0.95;

function capProfile(): ProfilePoint[] {
  const steps = 7;
  return Array.from({ length: steps }, (_, i): ProfilePoint => {
    const t = (i / (steps - 1)) * (Math.PI / 2); // rim (0) → top (π/2)
    return [Math.cos(t), RIM_Y + CAP_HEIGHT * Math.sin(t), CAP_V * (1 - i / (steps - 1))];
  });
}

/** Each part is turned on its own so the edges between them stay sharp (their own normals). */
const PARTS: ProfilePoint[][] = [
  // Stem: bottom centre, out to the foot, a slight bulge, up under the cap.
  [
    [0, 0, 1],
    [0.3, 0, 0.97],
    [0.34, 0.25, 0.91],
    [0.3, 0.55, 0.83],
    [0.26, 0.82, GILLS_V],
  ],
  // Gills: from the stem out to the rim, facing down.
  [
    [0.26, 0.82, GILLS_V],
    [0.62, 0.87, 0.62],
    [1, RIM_Y, CAP_V],
  ],
  capProfile(),
];

interface Mesh {
  positions: number[];
  normals: number[];
  uvs: number[];
  indices: number[];
}

function turn(profile: readonly ProfilePoint[], mesh: Mesh): void {
  const first = mesh.positions.length / 3;
  profile.forEach(([r, y, v], i) => {
    // The outward normal is the profile's tangent turned by 90°: (dy, -dr), from the neighbours on either side.
    const prev = profile[Math.max(0, i - 1)]!;
    const next = profile[Math.min(profile.length - 1, i + 1)]!;
    const dr = next[0] - prev[0];
    const dy = next[1] - prev[1];
    const length = Math.hypot(dr, dy) || 1;
    const [nr, ny] = [dy / length, -dr / length];
    for (let j = 0; j <= SIDES; j++) {
      const angle = (j / SIDES) * Math.PI * 2;
      const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
      mesh.positions.push(r * cos, y, r * sin);
      mesh.normals.push(nr * cos, ny, nr * sin);
      mesh.uvs.push(j / SIDES, v);
    }
  });
  const ring = SIDES + 1;
  for (let i = 0; i < profile.length - 1; i++) {
    for (let j = 0; j < SIDES; j++) {
      const a = first + i * ring + j;
      const b = a + 1;
      const c = a + ring;
      const d = c + 1;
      // Counter-clockwise seen from outside, as glTF front faces are.
      mesh.indices.push(a, c, b, b, c, d);
    }
  }
}

/** Where a texel of the cap band sits on the cap, as a unit direction (for round spots wherever they are). */
function capDirection(u: number, v: number): [number, number, number] {
  const t = (Math.PI / 2) * (1 - v / CAP_V);
  const angle = u * Math.PI * 2;
  return [Math.cos(t) * Math.cos(angle), Math.sin(t), Math.cos(t) * Math.sin(angle)];
}

const SPOTS: [number, number, number][] = [
  [0, 0],
  [0.1, 0.22],
  [0.3, 0.3],
  [0.5, 0.2],
  [0.7, 0.32],
  [0.9, 0.26],
  [0.2, 0.42],
  [0.42, 0.43],
  [0.62, 0.44],
  [0.84, 0.42],
].map(([u, v]) => capDirection(u!, v!));

function texel(u: number, v: number): [number, number, number] {
  if (v < CAP_V) {
    const dir = capDirection(u, v);
    const spot = SPOTS.some((s) => s[0] * dir[0] + s[1] * dir[1] + s[2] * dir[2] > 0.975);
    if (spot) return [250, 246, 238];
    const shade = 1 - 0.25 * (v / CAP_V); // darker towards the rim
    return [Math.round(214 * shade), Math.round(40 * shade), Math.round(30 * shade)];
  }
  if (v < GILLS_V) {
    const line = Math.floor(u * TEXTURE_SIZE) % 3 === 0;
    return line ? [196, 168, 128] : [232, 212, 178];
  }
  const fibre = Math.floor(u * TEXTURE_SIZE) % 4 === 0;
  return fibre ? [226, 214, 190] : [242, 233, 212];
}

function buildTexture(): Uint8Array {
  const rgba = new Uint8Array(TEXTURE_SIZE * TEXTURE_SIZE * 4);
  for (let y = 0; y < TEXTURE_SIZE; y++) {
    for (let x = 0; x < TEXTURE_SIZE; x++) {
      const [r, g, b] = texel((x + 0.5) / TEXTURE_SIZE, (y + 0.5) / TEXTURE_SIZE);
      rgba.set([r, g, b, 255], (y * TEXTURE_SIZE + x) * 4);
    }
  }
  return encodePng(TEXTURE_SIZE, TEXTURE_SIZE, rgba);
}

function bounds(values: readonly number[]): { min: number[]; max: number[] } {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < values.length; i++) {
    min[i % 3] = Math.min(min[i % 3]!, values[i]!);
    max[i % 3] = Math.max(max[i % 3]!, values[i]!);
  }
  return { min, max };
}

/** The sample model as GLB bytes: one mesh, one PBR material with an embedded PNG base-colour texture. */
export function buildSampleModelGlb(): Uint8Array {
  const mesh: Mesh = { positions: [], normals: [], uvs: [], indices: [] };
  for (const part of PARTS) turn(part, mesh);
  const count = mesh.positions.length / 3;

  // Texture coordinates as normalised unsigned shorts (allowed by glTF 2.0 core): half the bytes of floats.
  const blocks = [
    new Uint8Array(new Float32Array(mesh.positions).buffer),
    new Uint8Array(new Float32Array(mesh.normals).buffer),
    new Uint8Array(new Uint16Array(mesh.uvs.map((x) => Math.round(x * 65535))).buffer),
    new Uint8Array(new Uint16Array(mesh.indices).buffer),
    buildTexture(),
  ];
  const views: { buffer: 0; byteOffset: number; byteLength: number; target?: number }[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  blocks.forEach((block, i) => {
    const view: (typeof views)[number] = { buffer: 0, byteOffset: offset, byteLength: block.length };
    if (i < 3) view.target = 34962; // ARRAY_BUFFER
    if (i === 3) view.target = 34963; // ELEMENT_ARRAY_BUFFER
    views.push(view);
    // Every view starts 4-byte aligned, as accessors of floats require.
    const padded = new Uint8Array(Math.ceil(block.length / 4) * 4);
    padded.set(block);
    chunks.push(padded);
    offset += padded.length;
  });
  const bin = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    bin.set(chunk, at);
    at += chunk.length;
  }

  const gltf = {
    asset: { version: '2.0', generator: 'Rodin Tray sample model' },
    scene: 0,
    scenes: [{ name: 'Toadstool', nodes: [0] }],
    nodes: [{ mesh: 0, name: 'Toadstool' }],
    meshes: [
      {
        name: 'Toadstool',
        primitives: [{ attributes: { POSITION: 0, NORMAL: 1, TEXCOORD_0: 2 }, indices: 3, material: 0 }],
      },
    ],
    materials: [
      {
        name: 'Toadstool',
        pbrMetallicRoughness: { baseColorTexture: { index: 0 }, metallicFactor: 0, roughnessFactor: 0.55 },
      },
    ],
    textures: [{ source: 0, sampler: 0 }],
    // The texture wraps around the shape (repeat in u) and runs once from the cap's top to the stem's foot (clamp in v).
    samplers: [{ magFilter: 9729, minFilter: 9987, wrapS: 10497, wrapT: 33071 }],
    images: [{ bufferView: 4, mimeType: 'image/png', name: 'toadstool' }],
    accessors: [
      { bufferView: 0, componentType: 5126, count, type: 'VEC3', ...bounds(mesh.positions) },
      { bufferView: 1, componentType: 5126, count, type: 'VEC3' },
      { bufferView: 2, componentType: 5123, normalized: true, count, type: 'VEC2' },
      { bufferView: 3, componentType: 5123, count: mesh.indices.length, type: 'SCALAR' },
    ],
    bufferViews: views,
    buffers: [{ byteLength: bin.length }],
  };
  return packGlb(gltf, bin);
}
