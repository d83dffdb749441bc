import { describe, expect, it } from 'vitest';
import type { EvaluationMetrics, RunDetail, TrainConfig } from '../../../../src-main/core/api.ts';
import { compareRuns, runDifferences, sampleFlips, type CompareSources } from '../../../../src-main/core/studio/compare-runs.ts';

const metrics = (split: string, accuracy: number, f1: number[]): EvaluationMetrics => ({
  split,
  accuracy,
  loss: 1,
  macroPrecision: 0,
  macroRecall: 0,
  macroF1: f1.reduce((a, b) => a + b, 0) / f1.length,
  perClass: f1.map((v) => ({ precision: v, recall: v, f1: v, support: 1 })),
  confusion: [],
});

function run(id: number, over: Partial<RunDetail> = {}, config: Partial<TrainConfig> = {}): RunDetail {
  return {
    id,
    kind: 'train',
    status: 'done',
    model: 'cnn-small',
    engine: 'native',
    labelVersion: id * 10,
    createdAt: '',
    durationSeconds: 1,
    epochs: 8,
    valAccuracy: null,
    testAccuracy: null,
    valAccuracyFerPlus: null,
    testAccuracyFerPlus: null,
    error: null,
    config: { model: 'cnn-small', trainSplit: 'Training', valSplit: 'PublicTest', testSplit: 'PrivateTest', seed: 42 } as TrainConfig,
    engineReport: {} as RunDetail['engineReport'],
    history: [],
    validation: metrics('PublicTest', 0.5, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
    test: metrics('PrivateTest', 0.6, [0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]),
    ferPlus: { available: false, reason: 'No FER+ votes' },
    ...over,
    ...(Object.keys(config).length ? { config: { ...(over.config ?? run(0).config), ...config } as TrainConfig } : {}),
  };
}

// Samples 1-6 of PrivateTest; truth (FER+) 1:0 2:1 3:2 4:3 5:4 6:none.
//   A predicts 0 0 2 0 4 1 -> right on 1, 3, 5
//   B predicts 0 1 0 3 4 1 -> right on 1, 2, 4, 5
// fixed (wrong in A, right in B): 2, 4; broken (right in A, wrong in B): 3; 6 has no majority: left out.
const sources = (): CompareSources => ({
  predictedClasses: (runId) => new Map(runId === 1 ? [[1, 0], [2, 0], [3, 2], [4, 0], [5, 4], [6, 1]] : [[1, 0], [2, 1], [3, 0], [4, 3], [5, 4], [6, 1], [7, 2]]),
  truth: (ids) => ({ truth: 'ferplus', classes: ids.map((id) => [-1, 0, 1, 2, 3, 4, -1][id] ?? -1) }),
  changesBetween: (lo, hi, split) => ({ split, fromVersion: lo, toVersion: hi, labels: 3, pairs: [{ from: 4, to: 6, count: 3 }], excluded: 1, included: 0 }),
});

describe('comparing two runs', () => {
  it('lists the samples one run gets right and the other wrong, only among samples both predicted and with a truth', () => {
    expect(sampleFlips(run(1), run(2), 'PrivateTest', sources())).toEqual({ split: 'PrivateTest', truth: 'ferplus', fixed: [2, 4], broken: [3], fixedCount: 2, brokenCount: 1 });
  });

  it('deltas are b - a on the test split, and the label changes span the two label versions whichever is newer', () => {
    const c = compareRuns(run(2), run(1, { test: metrics('PrivateTest', 0.65, [0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]) }), sources());
    expect(c.given.split).toBe('PrivateTest');
    expect(c.given.accuracyDelta).toBeCloseTo(0.05);
    expect(c.given.perClassF1Delta[0]).toBeCloseTo(0.1);
    expect(c.given.perClassF1Delta[1]).toBeCloseTo(0);
    expect(c.ferPlus).toBeNull(); // no votes: only the given labels compare
    expect(c.labelChanges).toMatchObject({ fromVersion: 10, toVersion: 20, labels: 3 });
    expect(c.differences).toEqual([]);
  });

  it('runs of different models or splits: says what differs, and still compares on validation when one has no test', () => {
    const a = run(1);
    const b = run(2, { test: null, epochs: 3 }, { model: 'vgg-fer', testSplit: undefined, limit: 500 });
    expect(runDifferences(a, b)).toEqual(['model: cnn-small vs vgg-fer', 'test split: PrivateTest vs none', 'training samples (limit): all vs 500', 'epochs: 8 vs 3']);
    const c = compareRuns(a, b, sources());
    expect(c.given.split).toBe('PublicTest');
    expect(c.given.accuracyDelta).toBeCloseTo(0);
  });

  it('compares on the FER+ majority too when both runs have it', () => {
    const fer = (acc: number) => ({ available: true as const, validation: null, test: { ...metrics('PrivateTest', acc, [0, 0, 0, 0, 0, 0, 0]), leftOut: { noVotes: 0, noMajority: 2, notAClass: 1 } } });
    const c = compareRuns(run(1, { ferPlus: fer(0.7) }), run(2, { ferPlus: fer(0.74) }), sources());
    expect(c.ferPlus?.accuracyDelta).toBeCloseTo(0.04);
  });

  it('refuses a run without any evaluation', () => {
    expect(() => compareRuns(run(1), run(2, { test: null, validation: null }), sources())).toThrow(/Both runs need evaluation metrics/);
  });
});
