// Small but real result files for the simulator: the GLB container (see sample-model.ts) and a lossless WebP preview.

const GLB_MAGIC = 0x46546c67; // "glTF" read as little-endian uint32
const CHUNK_JSON = 0x4e4f534a; // "JSON"
const CHUNK_BIN = 0x004e4942; // "BIN\0"

function padTo4(bytes: Uint8Array, fill: number): Uint8Array {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4).fill(fill);
  padded.set(bytes);
  return padded;
}

/** Packs a glTF JSON document and its binary buffer into one GLB file (glTF 2.0 binary container). */
export function packGlb(gltf: object, bin: Uint8Array): Uint8Array {
  // The spec pads the JSON chunk with spaces and the BIN chunk with zeros, both to 4 bytes.
  const json = padTo4(new TextEncoder().encode(JSON.stringify(gltf)), 0x20);
  const body = padTo4(bin, 0);
  const total = 12 + 8 + json.length + 8 + body.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, GLB_MAGIC, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, json.length, true);
  view.setUint32(16, CHUNK_JSON, true);
  out.set(json, 20);
  const binAt = 20 + json.length;
  view.setUint32(binAt, body.length, true);
  view.setUint32(binAt + 4, CHUNK_BIN, true);
  out.set(body, binAt + 8);
  return out;
}

/** Writes bits least-significant first, as the VP8L bitstream wants. */
class BitWriter {
  private readonly bytes: number[] = [];
  private bitCount = 0;

  write(value: number, bits: number): void {
    for (let i = 0; i < bits; i++) {
      const byteIndex = this.bitCount >> 3;
      if (byteIndex === this.bytes.length) this.bytes.push(0);
      if ((value >>> i) & 1) this.bytes[byteIndex]! |= 1 << (this.bitCount & 7);
      this.bitCount++;
    }
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/**
 * A 1x1 lossless WebP (RIFF/WEBP with one VP8L chunk) of the given colour.
 * Every prefix code is a "simple code" with a single symbol, so the one pixel costs zero bits to decode.
 */
export function buildTinyWebp(rgba: readonly [number, number, number, number] = [80, 140, 220, 255]): Uint8Array {
  const [r, g, b, a] = rgba;
  const bits = new BitWriter();
  bits.write(0x2f, 8); // VP8L signature
  bits.write(0, 14); // width - 1
  bits.write(0, 14); // height - 1
  bits.write(a === 255 ? 0 : 1, 1); // alpha_is_used (a hint only)
  bits.write(0, 3); // version
  bits.write(0, 1); // no transform
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes
  // Prefix codes in VP8L order: green, red, blue, alpha (8-bit literal symbols), then distance.
  for (const symbol of [g, r, b, a]) {
    bits.write(1, 1); // simple code
    bits.write(0, 1); // one symbol
    bits.write(1, 1); // 8-bit symbol
    bits.write(symbol & 0xff, 8);
  }
  bits.write(1, 1);
  bits.write(0, 1);
  bits.write(0, 1); // 1-bit symbol
  bits.write(0, 1); // distance symbol 0 (never used)
  const vp8l = bits.toBytes();

  const chunkPadded = vp8l.length + (vp8l.length & 1);
  const total = 12 + 8 + chunkPadded;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const ascii = (text: string, at: number) => out.set(new TextEncoder().encode(text), at);
  ascii('RIFF', 0);
  view.setUint32(4, total - 8, true);
  ascii('WEBP', 8);
  ascii('VP8L', 12);
  view.setUint32(16, vp8l.length, true);
  out.set(vp8l, 20);
  return out;
}
