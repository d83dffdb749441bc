import { describe, expect, it } from 'vitest';
import { exactPixelHash, grayPixels, hammingDistance, hashFromBytes, hashToBytes, perceptualHash } from '../../../../src-main/core/duplicates/image-hash.ts';
import { mapPixels, picture, SIDE } from '../../../helpers/synthetic-pictures.ts';

const map = mapPixels;

describe('exactPixelHash', () => {
  it('is the same for the same pixels and differs for one changed pixel or another size', () => {
    const a = picture(1);
    expect(exactPixelHash(a, SIDE, SIDE)).toBe(exactPixelHash(Uint8Array.from(a), SIDE, SIDE));
    expect(exactPixelHash(map(a, (v, i) => (i === 100 ? v ^ 1 : v)), SIDE, SIDE)).not.toBe(exactPixelHash(a, SIDE, SIDE));
    expect(exactPixelHash(a, 24, 96)).not.toBe(exactPixelHash(a, SIDE, SIDE));
  });
});

describe('perceptualHash', () => {
  it('keeps the hash (within 4 bits) through brightness, contrast and light noise', () => {
    const a = picture(2);
    const h = perceptualHash(a, SIDE, SIDE)!;
    let s = 9;
    const noise = () => ((s = (s * 69069 + 1) % 4294967296) / 4294967296 - 0.5) * 6;
    expect(hammingDistance(h, perceptualHash(map(a, (v) => v + 15), SIDE, SIDE)!)).toBeLessThanOrEqual(4);
    expect(hammingDistance(h, perceptualHash(map(a, (v) => 0.8 * v + 10), SIDE, SIDE)!)).toBeLessThanOrEqual(4);
    expect(hammingDistance(h, perceptualHash(map(a, (v) => v + noise()), SIDE, SIDE)!)).toBeLessThanOrEqual(4);
  });

  it('tells different pictures and a mirrored one apart (far more than 4 bits)', () => {
    const a = picture(3);
    const h = perceptualHash(a, SIDE, SIDE)!;
    for (const seed of [4, 5, 6]) expect(hammingDistance(h, perceptualHash(picture(seed), SIDE, SIDE)!)).toBeGreaterThan(10);
    const mirrored = map(a, (_, i) => a[Math.floor(i / SIDE) * SIDE + (SIDE - 1 - (i % SIDE))]!);
    expect(hammingDistance(h, perceptualHash(mirrored, SIDE, SIDE)!)).toBeGreaterThan(10);
  });

  it('sets 31 of the 63 non-DC bits (above the median) and never the DC bit', () => {
    const h = perceptualHash(picture(7), SIDE, SIDE)!;
    expect(hammingDistance(h, { hi: 0, lo: 0 })).toBe(31);
    expect(h.lo & 1).toBe(0);
  });
});

describe('hammingDistance and storage', () => {
  it('counts differing bits in both halves', () => {
    expect(hammingDistance({ hi: 0, lo: 0 }, { hi: 0, lo: 0 })).toBe(0);
    expect(hammingDistance({ hi: 0xffffffff, lo: 0 }, { hi: 0, lo: 0xffffffff })).toBe(64);
    expect(hammingDistance({ hi: 0x80000001, lo: 0b1011 }, { hi: 0, lo: 0 })).toBe(5);
  });

  it('round-trips through 8 bytes', () => {
    const h = { hi: 0xdeadbeef, lo: 0x80000001 };
    expect(hashToBytes(h).length).toBe(8);
    expect(hashFromBytes(hashToBytes(h))).toEqual(h);
  });
});

describe('flat images', () => {
  it('have no perceptual hash (shade alone would match them all), a face-like one does', () => {
    expect(perceptualHash(new Uint8Array(SIDE * SIDE).fill(0), SIDE, SIDE)).toBeNull();
    expect(perceptualHash(new Uint8Array(SIDE * SIDE).fill(180), SIDE, SIDE)).toBeNull();
    expect(perceptualHash(Uint8Array.from({ length: SIDE * SIDE }, (_, i) => 100 + (i % 2)), SIDE, SIDE)).toBeNull(); // pixel-level noise only
    expect(perceptualHash(picture(8), SIDE, SIDE)).not.toBeNull();
  });
});

describe('grayPixels (what the perceptual hash of an RGB image reads)', () => {
  it('is the BT.601 luma of each interleaved RGB pixel, and gray pixels as they are', () => {
    expect([...grayPixels(Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 200, 200, 200]), 2, 2)]).toEqual([76, 150, 29, 200]);
    const gray = picture(7);
    expect(grayPixels(gray, SIDE, SIDE)).toBe(gray);
  });

  it('gives a gray picture stored as RGB the hash of the gray picture itself', () => {
    const gray = picture(8);
    const rgb = new Uint8Array(gray.length * 3);
    gray.forEach((v, i) => rgb.fill(v, i * 3, i * 3 + 3));
    expect(perceptualHash(grayPixels(rgb, SIDE, SIDE), SIDE, SIDE)).toEqual(perceptualHash(gray, SIDE, SIDE));
  });
});
