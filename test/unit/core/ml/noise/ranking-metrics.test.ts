import { describe, expect, it } from 'vitest';
import { auroc, averagePrecision, precisionAt, rankDescending } from '../../../../../src-main/core/ml/noise/ranking-metrics.ts';

describe('ranking metrics', () => {
  it('AUROC is 1 for a perfect ranking, 0 for a reversed one, 0.5 for all ties', () => {
    expect(auroc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(auroc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
    expect(auroc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
  });

  it('AUROC counts a tied positive/negative pair as half', () => {
    // pairs: (0.9 vs 0.5)=1, (0.9 vs 0.1)=1, (0.5 vs 0.5)=0.5, (0.5 vs 0.1)=1 -> 3.5/4
    expect(auroc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0])).toBeCloseTo(0.875);
  });

  it('AUROC is NaN without both classes', () => {
    expect(auroc([0.1, 0.2], [1, 1])).toBeNaN();
  });

  it('average precision averages precision at each hit', () => {
    // order: a(1) b(0) c(1) -> precisions at hits: 1/1, 2/3
    expect(averagePrecision([0.9, 0.8, 0.7], [1, 0, 1])).toBeCloseTo((1 + 2 / 3) / 2);
  });

  it('precision@k takes the top k, ties broken by index', () => {
    expect(precisionAt([0.5, 0.5, 0.1, 0.9], [0, 1, 0, 1], 2)).toBe(0.5); // 3 then 0
    expect(rankDescending([0.5, 0.5, 0.1, 0.9])).toEqual([3, 0, 1, 2]);
  });
});
