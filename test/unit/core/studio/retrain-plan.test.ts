import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '../../../../src-main/core/api.ts';
import { trainConfig } from '../../../../src-main/core/api/train-api.ts';
import { estimateSeconds, planPresets, planRetrain, speedOf, START_SECONDS, type FinishedRunSpeed } from '../../../../src-main/core/studio/retrain-plan.ts';
import { MEASURED_IMAGES_PER_SECOND, TRAIN_DEFAULTS, TRAIN_PRESETS } from '../../../../src-common/train-defaults.ts';
import { STATE_FILE } from '../../../../src-main/core/ml/checkpoint-files.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const settings = (over: Partial<TrainConfig> = {}): TrainConfig => trainConfig.parse({ model: 'cnn-small', epochs: 10, ...over });
const run = (id: number, model: TrainConfig['model'], engine: string, ips: number[]): FinishedRunSpeed => ({ id, model, engine, imagesPerSecond: ips.length ? ips.reduce((a, b) => a + b) / ips.length : null });

describe('retrain plan', () => {
  it('estimates epochs x training samples at the training speed, plus validation each epoch and the final flipped evaluation', () => {
    // 10 x 1000 / 100 = 100 s training; (10 x 200 + 2 x (200 + 300)) / 200 = 15 s evaluating; plus the start
    expect(estimateSeconds({ epochs: 10, trainSamples: 1000, valSamples: 200, testSamples: 300 }, { train: 100, infer: 200, basis: '' })).toBeCloseTo(115 + START_SECONDS);
  });

  it('takes the speed of the newest finished run of the same model and engine, else the benchmark figure', () => {
    const runs = [run(8, 'cnn-small', 'native', []), run(7, 'cnn-tiny', 'native', [500]), run(5, 'cnn-small', 'native', [300, 320]), run(3, 'cnn-small', 'native', [100])];
    expect(speedOf('cnn-small', 'native', runs)).toMatchObject({ train: 310, basis: expect.stringMatching(/speed of run 5/) });
    expect(speedOf('cnn-small', 'wasm', runs)).toMatchObject({ train: 205.8, basis: expect.stringMatching(/no cnn-small run on wasm yet/) });
  });

  it('offers from scratch always and a fine-tune of the newest same-model run that kept its model, with the limit applied', () => {
    const sources = (runs: FinishedRunSpeed[], saved: number[]) => ({
      samplesIn: (split: string) => ({ Training: 28_709, PublicTest: 3_589, PrivateTest: 3_589 })[split] ?? 0,
      finishedRuns: () => runs,
      modelDir: (id: number) => `/nonexistent/${saved.includes(id) ? 'kept' : 'gone'}/${id}`,
      engine: 'native',
    });
    const none = planRetrain(settings({ limit: 1000 }), sources([], []));
    expect(none.options).toHaveLength(1);
    expect(none.options[0]).toMatchObject({ kind: 'scratch', trainSamples: 1000, input: { epochs: 10, model: 'cnn-small', limit: 1000 } });
    expect(none.fineTuneUnavailable).toMatch(/No finished cnn-small run/);
    // The model folders do not exist here, so no run can be fine-tuned: the plan says so instead of offering a broken option.
    const gone = planRetrain(settings(), sources([run(5, 'cnn-small', 'native', [300])], [5]));
    expect(gone.options.map((o) => o.kind)).toEqual(['scratch']);
    expect(gone.fineTuneUnavailable).toMatch(/No finished cnn-small run/);
  });

  it('fine-tunes the newest run of the same model whose model is saved: a third of the epochs (1 to 3) at 0.3x the rate', () => {
    const tmp = tempDir();
    try {
      for (const id of [5, 3]) {
        mkdirSync(tmp.path(String(id)));
        writeFileSync(join(tmp.path(String(id)), 'model.json'), '{}');
        writeFileSync(join(tmp.path(String(id)), STATE_FILE), '{}');
      }
      const sources = {
        samplesIn: () => 1000,
        finishedRuns: () => [run(7, 'cnn-tiny', 'native', [500]), run(6, 'cnn-small', 'native', [300]), run(5, 'cnn-small', 'native', [300]), run(3, 'cnn-small', 'native', [300])],
        modelDir: (id: number) => tmp.path(String(id)), // run 6's folder is gone: skipped
        engine: 'native',
      };
      const plan = planRetrain(settings({ epochs: 30, learningRate: 0.002 }), sources);
      expect(plan.fineTuneUnavailable).toBeNull();
      const fine = plan.options[1]!;
      expect(fine).toMatchObject({ kind: 'fine-tune', input: { initFromRunId: 5, epochs: 3, model: 'cnn-small' } });
      expect(fine.input.learningRate).toBeCloseTo(0.0006);
      expect(fine.estimateSeconds - START_SECONDS).toBeLessThan((plan.options[0]!.estimateSeconds - START_SECONDS) / 3 + 1);
      expect(planRetrain(settings({ epochs: 6 }), sources).options[1]!.input.epochs).toBe(2);
      expect(planRetrain(settings({ epochs: 2 }), sources).options[1]!.input.epochs).toBe(1);
    } finally {
      tmp.cleanup();
    }
  });

  it('plans each preset over the current settings: its model and epochs, the rest (limit, splits) kept, timed at its own model\'s speed', () => {
    const sources = { samplesIn: () => 1000, finishedRuns: () => [run(4, 'cnn-small', 'native', [100])], modelDir: () => '/nonexistent', engine: 'native' };
    const plans = planPresets(settings({ limit: 500, epochs: 99, model: 'cnn-tiny' }), sources);
    expect(plans.map((p) => p.name)).toEqual(['quick', 'balanced', 'best']);
    for (const p of plans) {
      expect(p.input).toMatchObject({ ...TRAIN_PRESETS[p.name].settings, limit: 500 });
      expect(p.trainSamples).toBe(500);
    }
    const [quick, balanced, best] = plans;
    // cnn-small at run 4's 100 img/s; vgg-fer has no run here: the benchmark figure
    expect(quick!.basis).toMatch(/speed of run 4/);
    expect(best!.basis).toMatch(new RegExp(`${MEASURED_IMAGES_PER_SECOND['vgg-fer'].train} img/s`));
    expect(balanced!.estimateSeconds).toBeGreaterThan(quick!.estimateSeconds);
    expect(best!.estimateSeconds).toBeGreaterThan(balanced!.estimateSeconds);
    expect(quick!.estimateSeconds - START_SECONDS).toBeCloseTo((TRAIN_PRESETS.quick.settings.epochs * 500) / 100 + estimateSeconds({ epochs: TRAIN_PRESETS.quick.settings.epochs, trainSamples: 0, valSamples: 200, testSamples: 200 }, { train: 100, infer: 100 * MEASURED_IMAGES_PER_SECOND['cnn-small'].infer / MEASURED_IMAGES_PER_SECOND['cnn-small'].train, basis: '' }) - START_SECONDS);
  });

  it('makes the balanced preset the default settings', () => {
    expect(TRAIN_DEFAULTS).toMatchObject(TRAIN_PRESETS.balanced.settings);
    expect(trainConfig.parse({})).toMatchObject(TRAIN_PRESETS.balanced.settings);
  });
});
