import { describe, expect, it } from 'vitest';
import { stratifiedFolds, stratifiedSubset } from '../../../../../src-main/core/ml/noise/folds.ts';

const labels = Array.from({ length: 1000 }, (_, i) => (i < 700 ? 0 : i < 950 ? 1 : 2));

describe('stratified folds', () => {
  it('splits every class evenly over the folds', () => {
    const fold = stratifiedFolds(labels, 4, 1);
    for (const cls of [0, 1, 2]) {
      const sizes = [0, 0, 0, 0];
      labels.forEach((l, i) => l === cls && sizes[fold[i]!]!++);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
  it('is reproducible for a seed and differs between seeds', () => {
    expect(stratifiedFolds(labels, 4, 1)).toEqual(stratifiedFolds(labels, 4, 1));
    expect(stratifiedFolds(labels, 4, 1)).not.toEqual(stratifiedFolds(labels, 4, 2));
  });
  it('refuses fewer than two folds', () => {
    expect(() => stratifiedFolds(labels, 1, 1)).toThrow(/at least 2/);
  });
});

describe('stratified subset', () => {
  it('returns exactly limit sorted indices with class shares kept', () => {
    for (const limit of [10, 100, 600, 999]) {
      const s = stratifiedSubset(labels, limit, 3);
      expect(s.length).toBe(limit);
      expect(new Set(s).size).toBe(limit);
      expect([...s].sort((a, b) => a - b)).toEqual(s);
      const rare = s.filter((i) => labels[i] === 2).length;
      expect(rare).toBeGreaterThanOrEqual(Math.min(1, limit));
      expect(Math.abs(rare / limit - 0.05)).toBeLessThan(0.1);
    }
  });
});

describe('stratifiedSubset at scale', () => {
  it('takes a subset of a split whose classes hold hundreds of thousands of samples (no spread of a class onto the stack)', () => {
    const labels = new Int32Array(700_000).map((_, i) => (i % 7 === 0 ? 1 : 3)); // 600,000 of class 3
    const subset = stratifiedSubset(labels, 20_000, 5);
    expect(subset).toHaveLength(20_000);
    expect(subset.filter((i) => labels[i] === 1).length).toBeGreaterThan(2_500);
  });
});
