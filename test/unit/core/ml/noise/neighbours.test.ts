import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { fuseByRank, nearestNeighbours, neighbourDisagreement, neighbourLabelShares, normalizeRows, rankFractions } from '../../../../../src-main/core/ml/noise/neighbours.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Points on the unit circle at these angles (degrees): cosine similarity is the cosine of their difference. */
const circle = (...degrees: number[]) => Float32Array.from(degrees.flatMap((d) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)]));

describe('nearest neighbours', () => {
  it('finds the k most similar other rows, most similar first, never the row itself (any block size)', async () => {
    const unit = circle(0, 10, 30, 100, 180, 185);
    for (const block of [1, 4, 512]) {
      const nb = await nearestNeighbours(unit, 2, 2, block);
      expect(nb.k).toBe(2);
      expect(Array.from(nb.index)).toEqual([1, 2, 0, 2, 1, 0, 2, 4, 5, 3, 4, 3]);
      expect(nb.similarity[0]).toBeCloseTo(Math.cos((10 * Math.PI) / 180), 5);
      expect(nb.similarity[7]).toBeCloseTo(Math.cos((80 * Math.PI) / 180), 5);
      expect(nb.similarity[11]).toBeCloseTo(Math.cos((85 * Math.PI) / 180), 5);
    }
  });

  it('asks for no more neighbours than there are other rows', async () => {
    expect((await nearestNeighbours(circle(0, 90), 2, 10)).k).toBe(1);
  });

  it('normalizeRows makes rows unit length and leaves a zero row zero', () => {
    expect(Array.from(normalizeRows(Float32Array.of(3, 4, 0, 0), 2))).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
  });
});

describe('neighbour label agreement', () => {
  const nb = { k: 3, index: Int32Array.of(1, 2, 3, 0, 2, 3, 0, 1, 3, 0, 1, 2), similarity: Float32Array.of(1, 1, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, -0.5) };
  const labels = [0, 0, 1, 1];

  it('shares are similarity-weighted per class (negative similarities count 0)', () => {
    const shares = neighbourLabelShares(labels, nb, 2);
    // sample 0: neighbours 1 (label 0, w 1), 2 (label 1, w 1), 3 (label 1, w 0.5)
    expect(Array.from(shares.subarray(0, 2)).map((x) => +x.toFixed(4))).toEqual([0.4, 0.6]);
    // sample 3: neighbours 0, 1 (label 0, w 1 each), 2 (w -0.5 -> 0)
    expect(Array.from(shares.subarray(6, 8))).toEqual([1, 0]);
    const disagree = neighbourDisagreement(labels, shares, 2);
    expect(+disagree[0]!.toFixed(4)).toBe(0.6);
    expect(disagree[3]).toBe(1);
  });
});

describe('rank fusion', () => {
  it('ranks as fractions, ties sharing their mean rank', () => {
    expect(Array.from(rankFractions([10, 30, 20, 20, 0]))).toEqual([0.25, 1, 0.625, 0.625, 0]);
  });

  it('fuses two scores of unlike scales by rank', () => {
    const fused = fuseByRank([0.1, 0.9, 0.5], [300, 100, 200], 0.5);
    expect(Array.from(fused)).toEqual([0.5, 0.5, 0.5]);
    expect(Array.from(fuseByRank([0.1, 0.9, 0.5], [300, 100, 200], 0))).toEqual([0, 1, 0.5]);
  });
});
