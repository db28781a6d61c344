import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { buildSampleModelGlb } from '../../../src/core/sim/sample-model';

interface Gltf {
  meshes: { primitives: { attributes: Record<string, number>; indices: number; material: number }[] }[];
  materials: { pbrMetallicRoughness: { baseColorTexture?: { index: number } } }[];
  textures: { source: number }[];
  images: { bufferView: number; mimeType: string }[];
  accessors: {
    bufferView: number;
    componentType: number;
    count: number;
    type: string;
    min?: number[];
    max?: number[];
  }[];
  bufferViews: { byteOffset: number; byteLength: number }[];
  buffers: { byteLength: number }[];
}

const SIZE: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3 };
const BYTES: Record<number, number> = { 5123: 2, 5126: 4 };

function readGlb(glb: Uint8Array): { gltf: Gltf; bin: Buffer } {
  const buffer = Buffer.from(glb);
  const jsonLength = buffer.readUInt32LE(12);
  const gltf = JSON.parse(buffer.toString('utf8', 20, 20 + jsonLength)) as Gltf;
  const binAt = 20 + jsonLength;
  return { gltf, bin: buffer.subarray(binAt + 8, binAt + 8 + buffer.readUInt32LE(binAt)) };
}

describe('the sample model', () => {
  const glb = buildSampleModelGlb();
  const { gltf, bin } = readGlb(glb);
  const view = (index: number) => {
    const v = gltf.bufferViews[index]!;
    return bin.subarray(v.byteOffset, v.byteOffset + v.byteLength);
  };

  it('is a GLB of a few KB', () => {
    expect(Buffer.from(glb.subarray(0, 4)).toString('latin1')).toBe('glTF');
    expect(glb.length).toBeGreaterThan(2_000);
    expect(glb.length).toBeLessThan(16 * 1024);
  });

  it('has a mesh with positions, normals and texture coordinates, every accessor inside its buffer view', () => {
    const primitive = gltf.meshes[0]!.primitives[0]!;
    expect(Object.keys(primitive.attributes).sort()).toEqual(['NORMAL', 'POSITION', 'TEXCOORD_0']);
    for (const accessor of gltf.accessors) {
      const needed = accessor.count * SIZE[accessor.type]! * BYTES[accessor.componentType]!;
      expect(needed).toBeLessThanOrEqual(gltf.bufferViews[accessor.bufferView]!.byteLength);
    }
    expect(gltf.buffers[0]!.byteLength).toBe(bin.length);
  });

  it('indexes only vertices that exist and stands upright, taller than wide', () => {
    const primitive = gltf.meshes[0]!.primitives[0]!;
    const vertices = gltf.accessors[primitive.attributes.POSITION!]!;
    const indices = view(gltf.accessors[primitive.indices]!.bufferView);
    const values = new Uint16Array(indices.buffer.slice(indices.byteOffset, indices.byteOffset + indices.length));
    expect(values.length % 3).toBe(0);
    expect(Math.max(...values)).toBeLessThan(vertices.count);
    const [minX, minY] = vertices.min!;
    const [maxX, maxY] = vertices.max!;
    expect(minY).toBe(0);
    expect(maxY! - minY!).toBeGreaterThan(1.5);
    expect(maxX! - minX!).toBeCloseTo(2, 1);
  });

  it('carries its texture: an embedded PNG, mostly the red of the cap', () => {
    const material = gltf.materials[gltf.meshes[0]!.primitives[0]!.material]!;
    const texture = gltf.textures[material.pbrMetallicRoughness.baseColorTexture!.index]!;
    const image = gltf.images[texture.source]!;
    expect(image.mimeType).toBe('image/png');
    const png = view(image.bufferView);
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    // IHDR: width, height; then the (single) IDAT holds unfiltered RGBA rows.
    const width = png.readUInt32BE(16);
    const idatAt = png.indexOf('IDAT');
    const rows = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
    let red = 0;
    let white = 0;
    for (let y = 0; y < width / 2; y++) {
      for (let x = 0; x < width; x++) {
        const at = y * (width * 4 + 1) + 1 + x * 4;
        const [r, g, b] = [rows[at]!, rows[at + 1]!, rows[at + 2]!];
        if (r > 150 && g < 60 && b < 60) red += 1;
        if (r > 240 && g > 240 && b > 230) white += 1;
      }
    }
    const capTexels = (width * width) / 2;
    expect(red / capTexels).toBeGreaterThan(0.6);
    expect(white / capTexels).toBeGreaterThan(0.05);
  });
});
