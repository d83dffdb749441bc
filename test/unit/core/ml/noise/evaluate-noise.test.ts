import { describe, expect, it } from 'vitest';
import { ferPlusWrong, evaluateAgainstFerPlus, type ScoredSample } from '../../../../../src-main/core/ml/noise/evaluate-noise.ts';

/** Ten FER+ votes (7 FER2013 classes, contempt, unknown, not-a-face), all for `cls`. */
const all = (cls: number) => Array.from({ length: 10 }, (_, i) => (i === cls ? 10 : 0));

describe('evaluateAgainstFerPlus', () => {
  // Scores rank the two noisy samples first and second: AUROC 1.
  const rows: ScoredSample[] = [
    { given: 0, predicted: 3, suggested: 3, score: 0.9, issue: 1, votes: all(3) },   // noisy (FER+ says happy), model agrees with FER+
    { given: 4, predicted: 4, suggested: 2, score: 0.8, issue: 1, votes: all(6) },   // noisy (FER+ says neutral), wrong suggestion
    { given: 3, predicted: 3, suggested: 5, score: 0.2, issue: 0, votes: all(3) },   // clean
    { given: 5, predicted: 2, suggested: 2, score: 0.1, issue: 1, votes: all(5) },   // clean, model wrong, flagged by CL
    { given: 6, predicted: 6, suggested: 0, score: 0.5, issue: 0, votes: all(7) },   // contempt: no FER2013 truth, left out
    { given: 1, predicted: 0, suggested: 0, score: 0.4, issue: 0, votes: null },     // no votes: left out of the truth
  ];

  it('counts, ranking quality and issue-set precision/recall on the samples with a usable majority', () => {
    const r = evaluateAgainstFerPlus(7, rows);
    expect(r).toMatchObject({ scanId: 7, truthSamples: 4, clean: 2, noisy: 2, auroc: 1, averagePrecision: 1 });
    expect(r.suggestedAccuracyOnNoisy).toBe(0.5);
    expect(r.issueSetPrecision).toBeCloseTo(2 / 3);
    expect(r.issueSetRecall).toBe(1);
  });

  it("the out-of-fold model's accuracy on the given labels (every sample) and on the FER+ majority (truth samples)", () => {
    const r = evaluateAgainstFerPlus(7, rows);
    expect(r.modelAccuracy).toBeCloseTo(3 / 6);          // rows 2, 3, 5 predict their given label
    expect(r.modelAccuracyVsFerPlus).toBeCloseTo(2 / 4); // rows 1 and 3 predict the FER+ majority
  });
});

describe('ferPlusWrong', () => {
  it('counts the given labels the FER+ majority contradicts, by given class; none without votes', () => {
    const happy = [0, 0, 0, 8, 0, 0, 2, 0, 0, 0];   // majority happy
    const split = [0, 0, 0, 5, 0, 0, 5, 0, 0, 0];   // tie: no majority, left out
    const rows = [
      { given: 3, votes: happy },
      { given: 6, votes: happy },
      { given: 6, votes: split },
      { given: 0, votes: null },
    ];
    const r = ferPlusWrong(rows)!;
    expect(r).toMatchObject({ samples: 2, wrong: 1 });
    expect(r.perClass[3]).toEqual({ samples: 1, wrong: 0 });
    expect(r.perClass[6]).toEqual({ samples: 1, wrong: 1 });
    expect(ferPlusWrong([{ given: 1, votes: null }])).toBeNull();
  });
});
