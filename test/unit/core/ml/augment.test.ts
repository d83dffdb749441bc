import { describe, expect, it } from 'vitest';
import { makeBatch, writeNormalized, type AugmentConfig } from '../../../../src-main/core/ml/augment.ts';
import type { ImageSet } from '../../../../src-main/core/ml/image-set.ts';
import { Random } from '../../../../src-main/core/ml/random.ts';

const SIDE = 24;
/** One image whose left half is white and right half black: a flip is seen in its first pixel. */
function halfWhite(count: number, mirrorable?: boolean): ImageSet {
  const pixels = new Uint8Array(count * SIDE * SIDE);
  for (let i = 0; i < count; i++) for (let y = 0; y < SIDE; y++) pixels.fill(255, i * SIDE * SIDE + y * SIDE, i * SIDE * SIDE + y * SIDE + SIDE / 2);
  return { pixels, labels: new Int32Array(count), count, side: SIDE, classes: 2, ...(mirrorable === undefined ? {} : { mirrorable }) };
}

const FLIP_ONLY: AugmentConfig = { flip: true, rotateDegrees: 0, shift: 0, scale: 0, erasing: 0, mixup: 0 };
const norm = { mean: 0, std: 1 };

/** How many of the batch's images came out mirrored (their first pixel black). */
function mirrored(set: ImageSet): number {
  const batch = makeBatch(set, Array.from({ length: set.count }, (_, i) => i), norm, { augment: FLIP_ONLY, labelSmoothing: 0, classWeights: null }, new Random(7));
  let n = 0;
  for (let i = 0; i < set.count; i++) if (batch.x[i * SIDE * SIDE] === 0) n++;
  return n;
}

describe('makeBatch flips', () => {
  it('mirrors about half the images of a mirrorable set (flip on, nothing else)', () => {
    expect(mirrored(halfWhite(200))).toBeGreaterThan(70);
    expect(mirrored(halfWhite(200))).toBeLessThan(130);
    expect(mirrored(halfWhite(200, true))).toBe(mirrored(halfWhite(200)));
  });

  it('never mirrors a set whose classes change when mirrored, whatever the run asks', () => {
    expect(mirrored(halfWhite(200, false))).toBe(0);
  });
});

/** `count` RGB images of SIDE x SIDE, every pixel `rgb` (HWC, as an RGB dataset stores them). */
function solid(rgb: readonly number[], count = 1): ImageSet {
  const pixels = new Uint8Array(count * SIDE * SIDE * 3);
  for (let p = 0; p < count * SIDE * SIDE; p++) pixels.set(rgb, p * 3);
  return { pixels, labels: new Int32Array(count), count, side: SIDE, classes: 2, channels: 3 };
}

/** The RGB values of pixel `p` of image `i` of a batch. */
const rgbAt = (x: Float32Array, i: number, p: number) => Array.from(x.subarray((i * SIDE * SIDE + p) * 3, (i * SIDE * SIDE + p) * 3 + 3));
const ALL: AugmentConfig = { flip: true, rotateDegrees: 20, shift: 0.15, scale: 0.15, erasing: 1, mixup: 0 };
const batchOf = (set: ImageSet, augment: AugmentConfig, seed = 3) =>
  makeBatch(set, Array.from({ length: set.count }, (_, i) => i), norm, { augment, labelSmoothing: 0, classWeights: null }, new Random(seed));

describe('makeBatch on RGB images keeps the channels apart', () => {
  it('a flip reverses the pixels of a row, not the channels of a pixel: red left, blue right becomes blue left, red right', () => {
    const set = solid([255, 0, 0]);
    for (let y = 0; y < SIDE; y++) for (let x = SIDE / 2; x < SIDE; x++) set.pixels.set([0, 0, 255], (y * SIDE + x) * 3);
    const out = new Float32Array(SIDE * SIDE * 3);
    writeNormalized(set, 0, norm, out, 0, true);
    expect(rgbAt(out, 0, 0)).toEqual([0, 0, 255]);
    expect(rgbAt(out, 0, SIDE - 1)).toEqual([255, 0, 0]);
    writeNormalized(set, 0, norm, out, 0, false);
    expect(rgbAt(out, 0, 0)).toEqual([255, 0, 0]);
    expect(out.length).toBe(SIDE * SIDE * 3);
  });

  it('a pure red image stays pure red through flips, rotation, shift and scale (erased pixels are black in every channel)', () => {
    const batch = batchOf(solid([255, 0, 0], 20), ALL);
    expect(batch.x.length).toBe(20 * SIDE * SIDE * 3);
    let erased = 0;
    for (let i = 0; i < 20; i++) {
      for (let p = 0; p < SIDE * SIDE; p++) {
        const [r, g, b] = rgbAt(batch.x, i, p);
        expect(g).toBe(0);
        expect(b).toBe(0);
        expect(r === 0 || Math.abs(r! - 255) < 1e-3).toBe(true);
        if (r === 0) erased++;
      }
    }
    expect(erased).toBeGreaterThan(0);
  });

  it('erasing blanks whole pixels: a white image comes out white or black, never a part of a pixel', () => {
    const batch = batchOf(solid([255, 255, 255], 20), ALL, 11);
    let black = 0;
    for (let i = 0; i < 20; i++) {
      for (let p = 0; p < SIDE * SIDE; p++) {
        const [r, g, b] = rgbAt(batch.x, i, p);
        expect(g).toBeCloseTo(r!, 3);
        expect(b).toBeCloseTo(r!, 3);
        if (r === 0) black++;
      }
    }
    // Erasing takes 2-20% of each image's area.
    expect(black).toBeGreaterThan(20 * SIDE * SIDE * 0.02);
    expect(black).toBeLessThan(20 * SIDE * SIDE * 0.2);
  });

  it('mixup blends images channel by channel: red with green has no blue, and red + green stays 255', () => {
    const set = solid([255, 0, 0], 10);
    for (let p = 0; p < 5 * SIDE * SIDE; p++) set.pixels.set([0, 255, 0], p * 3); // images 0-4 green, 5-9 red
    const batch = batchOf(set, { flip: false, rotateDegrees: 0, shift: 0, scale: 0, erasing: 0, mixup: 1 }, 5);
    let blended = 0;
    for (let i = 0; i < 10; i++) {
      for (let p = 0; p < SIDE * SIDE; p++) {
        const [r, g, b] = rgbAt(batch.x, i, p);
        expect(b).toBe(0);
        expect(r! + g!).toBeCloseTo(255, 3);
        if (r! > 0 && g! > 0) blended++;
      }
    }
    expect(blended).toBeGreaterThan(0);
  });
});
