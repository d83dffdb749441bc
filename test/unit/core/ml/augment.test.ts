import { describe, expect, it } from 'vitest';
import { makeBatch, type AugmentConfig } from '../../../../src-main/core/ml/augment.ts';
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
