import { describe, expect, it } from 'vitest';
import { allocateStratified, pickRows, rowHash } from '../../../../src-main/core/demo/demo-sample.ts';

describe('demo sample: stratified allocation and seeded pick', () => {
  const training = [3995, 436, 4097, 7215, 4830, 3171, 4965]; // FER2013 Training counts per class

  it('shares the total in proportion to class counts, with a floor for rare classes', () => {
    const q = allocateStratified(training, 1500, 40);
    expect(q.reduce((a, b) => a + b, 0)).toBe(1500);
    expect(q[1]).toBeGreaterThanOrEqual(40);
    expect(q[3]).toBeGreaterThan(q[0]!); // happy is the largest class, angry smaller
    // Without a floor it is the plain proportional share (largest remainder).
    const plain = allocateStratified(training, 1500, 0);
    training.forEach((c, i) => expect(Math.abs(plain[i]! - (c * 1500) / 28709)).toBeLessThan(1));
  });

  it('never takes more than a stratum has, and refuses impossible totals', () => {
    expect(allocateStratified([5, 100], 50, 10)).toEqual([5, 45]);
    expect(allocateStratified([3, 3], 6, 0)).toEqual([3, 3]);
    expect(() => allocateStratified([3, 3], 7, 0)).toThrow(/only 6 exist/);
    expect(() => allocateStratified([50, 50], 10, 10)).toThrow(/floor of 10/);
  });

  it('picks the same rows for the same seed, different ones for another, in ascending order', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => i * 3);
    const a = pickRows(rows, 50, 2013);
    expect(pickRows(rows, 50, 2013)).toEqual(a);
    expect(a).toEqual([...a].sort((x, y) => x - y));
    expect(new Set(a).size).toBe(50);
    expect(pickRows(rows, 50, 7)).not.toEqual(a);
    expect(a.some((r) => r > 1500)).toBe(true); // spread over the file, not the first rows
    expect(rowHash(1, 2)).toBe(rowHash(1, 2));
  });
});
