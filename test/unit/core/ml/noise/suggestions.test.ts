import { describe, expect, it } from 'vitest';
import { suggestLabel } from '../../../../../src-main/core/ml/noise/suggestions.ts';

// 3 classes; class 0 is big (prior 0.6, threshold 0.7), class 2 small (prior 0.1, threshold 0.2).
const ctx = { thresholds: [0.7, 0.5, 0.2], priors: [0.6, 0.3, 0.1] };

describe('suggestLabel', () => {
  it('top-other: the most likely class other than the given one', () => {
    expect(suggestLabel([0.5, 0.2, 0.3], 1, 'top-other', ctx)).toBe(0);
    expect(suggestLabel([0.5, 0.2, 0.3], 0, 'top-other', ctx)).toBe(2);
  });

  it('threshold-normalized: p_j / t_j, so a small class above its own threshold wins over a big one below its', () => {
    // 0.5/0.7 = 0.71 < 0.3/0.2 = 1.5
    expect(suggestLabel([0.5, 0.2, 0.3], 1, 'threshold-normalized', ctx)).toBe(2);
  });

  it('prior-normalized: p_j / prior_j', () => {
    // 0.5/0.6 = 0.83 < 0.3/0.1 = 3; given 2: 0.5/0.6 = 0.83 > 0.2/0.3 = 0.67
    expect(suggestLabel([0.5, 0.2, 0.3], 1, 'prior-normalized', ctx)).toBe(2);
    expect(suggestLabel([0.5, 0.2, 0.3], 2, 'prior-normalized', ctx)).toBe(0);
  });

  it('never suggests the given label, even when it is the only likely one', () => {
    for (const how of ['top-other', 'threshold-normalized', 'prior-normalized'] as const) expect(suggestLabel([0, 1, 0], 1, how, ctx)).not.toBe(1);
  });
});
