import { describe, expect, it } from 'vitest';
import {
  calibratedJoint,
  confidentClasses,
  confidentJoint,
  findLabelIssues,
  noiseMatrix,
  perClassThresholds,
} from '../../../../../src-main/core/ml/noise/confident-learning.ts';

// Hand-made case, 3 classes, 6 samples. Rows are out-of-sample probabilities.
const probs = [
  0.8, 0.1, 0.1, // 0: labelled 0, confidently 0
  0.6, 0.3, 0.1, // 1: labelled 0
  0.1, 0.8, 0.1, // 2: labelled 0 but looks like 1  -> issue
  0.2, 0.7, 0.1, // 3: labelled 1
  0.1, 0.6, 0.3, // 4: labelled 1
  0.1, 0.1, 0.8, // 5: labelled 2
];
const labels = [0, 0, 0, 1, 1, 2];
const m = { probs, labels, classes: 3 };

describe('confident learning', () => {
  it('thresholds are the mean self-confidence per given class', () => {
    const t = perClassThresholds(m);
    expect(t[0]).toBeCloseTo((0.8 + 0.6 + 0.1) / 3); // 0.5
    expect(t[1]).toBeCloseTo((0.7 + 0.6) / 2); // 0.65
    expect(t[2]).toBeCloseTo(0.8);
  });

  it('a class with no samples gets threshold 1, so nothing is confidently in it by chance', () => {
    expect(perClassThresholds({ probs: [0.5, 0.5], labels: [0], classes: 2 })[1]).toBe(1);
  });

  it('assigns each sample to the most probable class above its threshold, or none', () => {
    const t = perClassThresholds(m);
    // sample 1: p0 0.6 >= 0.5, p1 0.3 < 0.65 -> 0; sample 4: p1 0.6 < 0.65, p2 0.3 < 0.8, p0 0.1 < 0.5 -> none
    expect(Array.from(confidentClasses(m, t))).toEqual([0, 0, 1, 1, -1, 2]);
  });

  it('ties at the threshold count (cleanlab subtracts 1e-6)', () => {
    const c = confidentClasses({ probs: [0.5, 0.5], labels: [0], classes: 2 }, [0.5, 0.5]);
    expect(c[0]).toBe(0); // equal probabilities: the first maximum wins
  });

  it('builds the confident joint C[given][confident]', () => {
    expect(confidentJoint(m)).toEqual([
      [2, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('calibrates rows to the label counts and sums to 1', () => {
    const joint = calibratedJoint(confidentJoint(m), [3, 2, 1]);
    expect(joint[0]![0]).toBeCloseTo((2 / 3) * (3 / 6));
    expect(joint[0]![1]).toBeCloseTo((1 / 3) * (3 / 6));
    expect(joint[1]![1]).toBeCloseTo(2 / 6);
    expect(joint.flat().reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('noise matrix columns are P(given | true) and sum to 1', () => {
    const joint = calibratedJoint(confidentJoint(m), [3, 2, 1]);
    const nm = noiseMatrix(joint);
    for (let j = 0; j < 3; j++) expect(nm.reduce((s, row) => s + row[j]!, 0)).toBeCloseTo(1);
    // true class 1: joint[0][1] = 1/6, joint[1][1] = 2/6 -> P(given 0 | true 1) = 1/3
    expect(nm[0]![1]).toBeCloseTo(1 / 3);
  });

  it('prune by noise rate flags the sample with the largest margin toward the confused class', () => {
    const { issues } = findLabelIssues(m);
    // round(joint[0][1] * 6) = 1 issue among label-0 samples, by margin p1 - p0: sample 2 (0.7)
    expect(Array.from(issues)).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('never flags every sample of a class', () => {
    const all = findLabelIssues({ probs: [0.1, 0.9, 0.1, 0.9, 0.9, 0.1], labels: [0, 0, 0], classes: 2 });
    expect(Array.from(all.issues).filter(Boolean).length).toBeLessThan(3);
  });

  it('rejects a probability matrix of the wrong size', () => {
    expect(() => perClassThresholds({ probs: [0.5], labels: [0, 1], classes: 2 })).toThrow(/expected 2 x 2/);
  });
});
