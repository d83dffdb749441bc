import { describe, expect, it } from 'vitest';
import { scoreSample } from '../../../../../src-main/core/ml/noise/sample-scores.ts';
import { RANKINGS } from '../../../../../src-main/core/ml/noise/rankings.ts';

describe('per-sample scores', () => {
  it('computes self-confidence, margin, loss, entropy and the predicted class', () => {
    const s = scoreSample([0.1, 0.7, 0.2], 2);
    expect(s.selfConfidence).toBeCloseTo(0.2);
    expect(s.margin).toBeCloseTo(0.2 - 0.7);
    expect(s.loss).toBeCloseTo(-Math.log(0.2));
    expect(s.entropy).toBeCloseTo(-(0.1 * Math.log(0.1) + 0.7 * Math.log(0.7) + 0.2 * Math.log(0.2)));
    expect(s.predicted).toBe(1);
    expect(s.suggested).toBe(1);
    expect(s.score).toBeCloseTo(1 - (0.2 - 0.7 + 1) / 2);
  });

  it('suggests the runner-up when the model agrees with the given label', () => {
    const s = scoreSample([0.6, 0.3, 0.1], 0);
    expect(s.predicted).toBe(0);
    expect(s.suggested).toBe(1);
    expect(s.score).toBeLessThan(0.5);
  });

  it('a zero probability gives a finite loss', () => {
    expect(Number.isFinite(scoreSample([1, 0], 1).loss)).toBe(true);
  });

  it('every ranking puts a confidently-wrong label above a confidently-right one', () => {
    const wrong = { ...scoreSample([0.9, 0.05, 0.05], 1), issue: true };
    const right = { ...scoreSample([0.05, 0.9, 0.05], 1), issue: false };
    for (const rank of Object.values(RANKINGS)) expect(rank(wrong)).toBeGreaterThan(rank(right));
  });
});
