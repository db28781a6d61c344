import { describe, expect, it } from 'vitest';
import { checkGenerationParams } from '../../src/shared/check-generation';
import { TIERS, estimateGenerationCost, sniffImageType, type GenerationImage } from '../../src/shared/generation';
import { JPEG_START, solidPng } from '../fixtures/images';

const png = (name = 'a.png'): GenerationImage => ({ name, type: 'image/png', data: solidPng([1, 2, 3]) });

describe('estimateGenerationCost', () => {
  it('charges 0.5 credit for every tier but Gen-2.5-Extreme-High, which costs 1', () => {
    const table = Object.fromEntries(TIERS.map((tier) => [tier, estimateGenerationCost({ tier })]));
    expect(table).toEqual({
      Sketch: 0.5,
      Regular: 0.5,
      Detail: 0.5,
      Smooth: 0.5,
      'Gen-2': 0.5,
      'Gen-2.5-Extreme-Low': 0.5,
      'Gen-2.5-Low': 0.5,
      'Gen-2.5-Medium': 0.5,
      'Gen-2.5-High': 0.5,
      'Gen-2.5-Extreme-High': 1,
    });
    expect(estimateGenerationCost({})).toBe(0.5);
  });

  it('adds 1 credit for HighPack', () => {
    expect(estimateGenerationCost({ tier: 'Sketch', addons: ['HighPack'] })).toBe(1.5);
    expect(estimateGenerationCost({ tier: 'Gen-2.5-Extreme-High', addons: ['HighPack'] })).toBe(2);
  });
});

describe('sniffImageType', () => {
  it('tells PNG, JPEG and WebP apart by their first bytes and refuses anything else', () => {
    expect(sniffImageType(solidPng([0, 0, 0]))).toBe('image/png');
    expect(sniffImageType(JPEG_START)).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBeUndefined();
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });
});

describe('checkGenerationParams', () => {
  it('accepts a prompt alone, or images alone', () => {
    expect(checkGenerationParams({ prompt: 'a chair' })).toEqual([]);
    expect(checkGenerationParams({ images: [png()] })).toEqual([]);
  });

  it('asks for a prompt when there are no images', () => {
    expect(checkGenerationParams({ prompt: '   ' })).toEqual([
      'Write a prompt or add an image: a generation without images is made from its prompt.',
    ]);
  });

  it('names each bad image: too many, empty, too large, not an image, sent under a wrong type', () => {
    const big = { name: 'huge.png', type: 'image/png', data: new Uint8Array(11 * 1024 * 1024) };
    big.data.set(solidPng([0, 0, 0]).subarray(0, 8));
    const problems = checkGenerationParams({
      images: [
        png('1.png'),
        { name: 'empty.png', type: 'image/png', data: new Uint8Array() },
        big,
        { name: 'notes.txt', type: 'image/png', data: new TextEncoder().encode('hello') },
        { name: 'photo.png', type: 'text/plain', data: solidPng([0, 0, 0]) },
        png('6.png'),
      ],
    });
    expect(problems).toEqual([
      'At most 5 images can be sent; remove 1.',
      '"empty.png" is empty.',
      '"huge.png" is 11.0 MB; an image can be at most 10 MB.',
      '"notes.txt" is not a PNG, JPEG or WebP image.',
      '"photo.png" is sent as "text/plain", not as a PNG, JPEG or WebP image.',
    ]);
  });

  it('lists the allowed values for an unknown choice', () => {
    expect(checkGenerationParams({ prompt: 'x', tier: 'Gen-3', geometryFileFormat: 'blend' })).toEqual([
      'Tier "Gen-3" is not known; choose one of Sketch, Regular, Detail, Smooth, Gen-2, Gen-2.5-Extreme-Low, Gen-2.5-Low, Gen-2.5-Medium, Gen-2.5-High, Gen-2.5-Extreme-High.',
      'Format "blend" is not known; choose one of glb, usdz, fbx, obj, stl.',
    ]);
    expect(checkGenerationParams({ prompt: 'x', material: 'Gold', quality: 'ultra', meshMode: 'Tri' })).toHaveLength(3);
  });

  it('checks numbers: seed 0–65535, face count 500–2,000,000, a bounding box of three positive integers', () => {
    expect(checkGenerationParams({ prompt: 'x', seed: 0, qualityOverride: 500, bboxCondition: [1, 1, 1] })).toEqual([]);
    expect(checkGenerationParams({ prompt: 'x', seed: 1.5, qualityOverride: 100, bboxCondition: [1, 2] })).toEqual([
      'The face count must be a whole number from 500 to 2,000,000.',
      'The seed must be a whole number from 0 to 65535.',
      'The bounding box needs three positive whole numbers (width, height, length).',
    ]);
    expect(checkGenerationParams({ prompt: 'x', seed: 65_536 })).toHaveLength(1);
  });

  it('refuses a prompt over 1024 characters and unknown add-ons', () => {
    expect(checkGenerationParams({ prompt: 'x'.repeat(1025), addons: ['LowPack'] })).toEqual([
      'The prompt can be at most 1024 characters; it has 1025.',
      'Add-on "LowPack" is not known; the only add-on is HighPack.',
    ]);
  });
});
