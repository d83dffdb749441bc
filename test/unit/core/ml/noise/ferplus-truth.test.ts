import { describe, expect, it } from 'vitest';
import { ferplusMajority, truthOf } from '../../../../../src-main/core/ml/noise/ferplus-truth.ts';

// votes: angry, disgust, fear, happy, sad, surprise, neutral, contempt, unknown, nf
describe('FER+ majority', () => {
  it('takes a class holding more than half of the votes', () => {
    expect(ferplusMajority([0, 0, 0, 6, 0, 0, 4, 0, 0, 0])).toBe(3);
  });
  it('drops single votes before counting', () => {
    // 4 happy, 3 sad, 1+1+1 singles dropped: 4 of 7 > half
    expect(ferplusMajority([1, 1, 1, 4, 3, 0, 0, 0, 0, 0])).toBe(3);
  });
  it('no majority when the top class holds half or less, or on a tie', () => {
    expect(ferplusMajority([0, 0, 0, 5, 5, 0, 0, 0, 0, 0])).toBe(-1);
    expect(ferplusMajority([0, 0, 0, 4, 3, 3, 0, 0, 0, 0])).toBe(-1);
  });
  it('contempt / unknown / not-a-face majorities are "other"', () => {
    expect(truthOf([0, 0, 0, 0, 0, 0, 0, 0, 0, 10], 3)).toEqual({ kind: 'other' });
    expect(truthOf([0, 0, 0, 2, 0, 0, 0, 8, 0, 0], 3)).toEqual({ kind: 'other' });
  });
  it('clean when FER+ agrees with the given label, noisy when it picks another class', () => {
    expect(truthOf([0, 0, 0, 9, 0, 0, 1, 0, 0, 0], 3)).toEqual({ kind: 'clean', majority: 3 });
    expect(truthOf([0, 0, 0, 9, 0, 0, 1, 0, 0, 0], 6)).toEqual({ kind: 'noisy', majority: 3 });
  });
});
