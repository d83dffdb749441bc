import { describe, expect, it } from 'vitest';
import { evaluate, misclassificationTriplets, sampleLosses } from '../../../../src-main/core/ml/evaluate.ts';

// Three classes, six samples, hand-made probabilities.
//   id  true  probs              predicted
//   10   0    .8 .1 .1            0  correct (confident 0)
//   11   0    .3 .6 .1            1  wrong: 0 taken for 1 (conf .6)
//   12   1    .1 .7 .2            1  correct
//   13   1    .05 .9 .05          1  correct (most confident 1)
//   14   2    .5 .2 .3            0  wrong: 2 taken for 0 (conf .5)
//   15   2    .1 .1 .8            2  correct
const probs = Float32Array.from([0.8, 0.1, 0.1, 0.3, 0.6, 0.1, 0.1, 0.7, 0.2, 0.05, 0.9, 0.05, 0.5, 0.2, 0.3, 0.1, 0.1, 0.8]);
const labels = Int32Array.from([0, 0, 1, 1, 2, 2]);
const ids = [10, 11, 12, 13, 14, 15];

describe('evaluate', () => {
  const m = evaluate('PublicTest', probs, labels, 3);

  it('counts the confusion matrix [true][predicted] and accuracy', () => {
    expect(m.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(m.accuracy).toBeCloseTo(4 / 6);
  });

  it('computes per-class precision, recall, F1 and macro averages', () => {
    // class 0: tp 1, predicted 2, support 2 -> P .5 R .5; class 1: tp 2, predicted 3 -> P 2/3, R 1; class 2: P 1, R .5
    expect(m.perClass[0]).toMatchObject({ precision: 0.5, recall: 0.5, support: 2 });
    expect(m.perClass[1]!.precision).toBeCloseTo(2 / 3);
    expect(m.perClass[1]!.recall).toBe(1);
    expect(m.perClass[1]!.f1).toBeCloseTo(0.8);
    expect(m.perClass[2]!.f1).toBeCloseTo(2 / 3);
    expect(m.macroRecall).toBeCloseTo((0.5 + 1 + 0.5) / 3);
    expect(m.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3);
  });

  it('reports the mean cross-entropy of the true labels', () => {
    const expected = -(Math.log(0.8) + Math.log(0.3) + Math.log(0.7) + Math.log(0.9) + Math.log(0.3) + Math.log(0.8)) / 6;
    expect(m.loss).toBeCloseTo(expected, 5);
    expect(sampleLosses(probs, labels, 3)[1]).toBeCloseTo(-Math.log(0.3), 5);
  });

  it('refuses mismatched shapes', () => {
    expect(() => evaluate('x', probs, Int32Array.from([0, 1]), 3)).toThrow(RangeError);
  });
});

describe('misclassificationTriplets', () => {
  it('pairs each mistake with the most confident correct example of the predicted and of the true class', () => {
    const t = misclassificationTriplets(probs, labels, ids, 3);
    expect(t).toHaveLength(2);
    // Most confident mistake first: id 11 (0 taken for 1 at .6): left = best correct 1 (id 13), right = best correct 0 (id 10).
    expect(t[0]).toMatchObject({ sampleId: 11, trueLabel: 0, predictedLabel: 1, predictedExampleId: 13, trueExampleId: 10 });
    expect(t[0]!.confidence).toBeCloseTo(0.6);
    expect(t[1]).toMatchObject({ sampleId: 14, trueLabel: 2, predictedLabel: 0, predictedExampleId: 10, trueExampleId: 15 });
  });

  it('leaves an example out when no sample of that class was classified correctly', () => {
    const t = misclassificationTriplets(Float32Array.from([0.2, 0.8, 0.9, 0.1]), Int32Array.from([0, 0]), [1, 2], 2);
    expect(t).toEqual([{ trueLabel: 0, predictedLabel: 1, sampleId: 1, predictedExampleId: null, trueExampleId: 2, confidence: expect.closeTo(0.8) }]);
  });
});
