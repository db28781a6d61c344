import { describe, expect, it } from 'vitest';
import { buildTinyWebp, packGlb } from '../../../src/core/sim/sample-files';

const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');

describe('packGlb', () => {
  const glb = packGlb({ asset: { version: '2.0' }, buffers: [{ byteLength: 5 }] }, Uint8Array.from([1, 2, 3, 4, 5]));
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);

  it('has a glTF 2.0 binary header whose length is the file length', () => {
    expect(ascii(glb, 0, 4)).toBe('glTF');
    expect(view.getUint32(4, true)).toBe(2);
    expect(view.getUint32(8, true)).toBe(glb.length);
    expect(glb.length % 4).toBe(0);
  });

  it('holds a space-padded JSON chunk and a zero-padded BIN chunk, both 4-byte aligned', () => {
    const jsonLength = view.getUint32(12, true);
    expect(ascii(glb, 16, 20)).toBe('JSON');
    expect(jsonLength % 4).toBe(0);
    expect(JSON.parse(ascii(glb, 20, 20 + jsonLength))).toEqual({
      asset: { version: '2.0' },
      buffers: [{ byteLength: 5 }],
    });
    const binAt = 20 + jsonLength;
    expect(view.getUint32(binAt, true)).toBe(8);
    expect(view.getUint32(binAt + 4, true)).toBe(0x004e4942);
    expect([...glb.subarray(binAt + 8)]).toEqual([1, 2, 3, 4, 5, 0, 0, 0]);
  });
});

describe('buildTinyWebp', () => {
  const webp = buildTinyWebp([255, 0, 0, 255]);
  const view = new DataView(webp.buffer, webp.byteOffset, webp.byteLength);

  it('is a RIFF/WEBP container whose sizes add up', () => {
    expect(ascii(webp, 0, 4)).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(webp.length - 8);
    expect(ascii(webp, 8, 12)).toBe('WEBP');
    expect(ascii(webp, 12, 16)).toBe('VP8L');
    const chunk = view.getUint32(16, true);
    expect(20 + chunk + (chunk & 1)).toBe(webp.length);
  });

  it('carries a lossless 1x1 bitstream', () => {
    expect(webp[20]).toBe(0x2f);
    const header = view.getUint32(21, true);
    expect(header & 0x3fff).toBe(0); // width - 1
    expect((header >>> 14) & 0x3fff).toBe(0); // height - 1
    expect(header >>> 29).toBe(0); // version
  });

  it('encodes the colour it was asked for', () => {
    // Decoded in Chromium while writing this builder; here we only check the colours change the bits.
    expect(Buffer.from(buildTinyWebp([0, 0, 255, 255])).equals(Buffer.from(webp))).toBe(false);
    expect(Buffer.from(buildTinyWebp([255, 0, 0, 255])).toString('base64')).toBe(
      'UklGRhgAAABXRUJQVlA4TAwAAAAvAAAAAChA/wvQ/wA=',
    );
  });
});
