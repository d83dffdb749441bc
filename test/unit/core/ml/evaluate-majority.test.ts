import { describe, expect, it } from 'vitest';
import { evaluateOnMajority } from '../../../../src-main/core/ml/evaluate-majority.ts';
import { NO_VOTES } from '../../../../src-main/core/store/votes.ts';

// Three classes, six samples; the FER+ majority decides what counts as right.
//   sample  probs            predicted  majority
//   0       .8 .1 .1         0          0        right
//   1       .2 .7 .1         1          0        wrong (0 taken for 1)
//   2       .1 .1 .8         2          2        right
//   3       .6 .3 .1         0          -1       left out: no majority
//   4       .1 .8 .1         1          8        left out: 'unknown' (no class)
//   5       .3 .3 .4         2          NO_VOTES left out: no votes
const probs = Float32Array.from([0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8, 0.6, 0.3, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4]);
const majorities = Int8Array.from([0, 0, 2, -1, 8, NO_VOTES]);

describe('evaluation against the FER+ majority', () => {
  const m = evaluateOnMajority('PrivateTest', probs, majorities, 3);

  it('scores only samples whose majority is one of the classes, and counts the rest by why', () => {
    expect(m.leftOut).toEqual({ noVotes: 1, noMajority: 1, notAClass: 1 });
    expect(m.accuracy).toBeCloseTo(2 / 3);
    expect(m.confusion).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [0, 0, 1],
    ]);
    expect(m.perClass.map((c) => c.support)).toEqual([2, 0, 1]);
    expect(m.split).toBe('PrivateTest');
  });

  it('macro F1 averages the classes present among the majorities (class 1 has none)', () => {
    // class 0: P 1/1, R 1/2 -> F1 2/3; class 2: P 1, R 1 -> F1 1
    expect(m.macroF1).toBeCloseTo((2 / 3 + 1) / 2);
  });

  it('refuses probabilities that do not match the samples', () => {
    expect(() => evaluateOnMajority('x', new Float32Array(5), majorities, 3)).toThrow(RangeError);
  });
});
