import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLASS_NAMES } from '../../../../src-common/classes.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS, NUM_CLASSES } from '../../../../src-common/classes.ts';
import { initEngine } from '../../../../src-main/core/ml/engine.ts';
import { saveCheckpoint } from '../../../../src-main/core/ml/checkpoint.ts';
import { standardModelFiles, writeModelFolder } from '../../../../src-main/core/ml/export/export-model.ts';
import { buildModel } from '../../../../src-main/core/ml/models/index.ts';
import { predictProbs } from '../../../../src-main/core/ml/trained-model.ts';
import { trainConfig } from '../../../../src-main/core/api/train-api.ts';
import { firstFerImageSet } from '../../../helpers/fer-rows.ts';
import { plainTfjsPredict } from '../../../helpers/plain-tfjs.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';
import { randomizeWeights } from '../../../helpers/random-weights.ts';

const tmp = tempDir('fer-export-');
afterAll(() => tmp.cleanup());

describe('exported model in plain TF.js', () => {
  it('predicts what the studio predicts within 1e-4 (batch-norm folded into the convs, dropout left out, softmax out)', async () => {
    await initEngine('auto');
    const model = buildModel('cnn-tiny', 5);
    randomizeWeights(model, 11);
    const config = trainConfig.parse({ model: 'cnn-tiny', ttaFlip: true });
    const normalization = { mean: 129.4, std: 65.1 };
    const ckpt = tmp.path('checkpoint');
    await saveCheckpoint(model, ckpt, { config, normalization, epoch: 1, bestEpoch: 1, bestValAccuracy: null, history: [] });
    const set = await firstFerImageSet(24);
    const studio = await predictProbs(model, normalization, set, { ttaFlip: true });

    const out = tmp.path('export');
    await writeModelFolder(await standardModelFiles({ modelDir: ckpt, runId: 1, labelVersion: 0, valAccuracy: null, testAccuracy: null, classNames: CLASS_NAMES, side: 48, flipAverage: true }), out);
    const json = (await import(join(out, 'model.json'), { with: { type: 'json' } })).default as { modelTopology: { config: { layers: Array<{ class_name: string }> } } };
    const classes = new Set(json.modelTopology.config.layers.map((l) => l.class_name));
    expect([...classes].sort()).toEqual(['Activation', 'Conv2D', 'Dense', 'Flatten', 'InputLayer', 'MaxPooling2D']);

    mkdirSync(tmp.path('scratch'));
    const images = Array.from({ length: set.count }, (_, i) => set.pixels.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS));
    const plain = await plainTfjsPredict(out, images, tmp.path('scratch'));
    expect(plain).toHaveLength(set.count);
    let maxDiff = 0;
    for (let i = 0; i < set.count; i++) for (let c = 0; c < NUM_CLASSES; c++) maxDiff = Math.max(maxDiff, Math.abs(plain[i]![c]! - studio[i * NUM_CLASSES + c]!));
    expect(maxDiff).toBeLessThan(1e-4);
    // The answers are far from uniform and differ from image to image: the comparison above is not between
    // rows that hardly depend on the convolutions.
    const spread = Math.max(...plain.flatMap((p) => p.map((v, c) => Math.abs(v - plain[0]![c]!))));
    expect(Math.max(...plain.flat())).toBeGreaterThan(0.3); // uniform would be 1/7
    expect(spread).toBeGreaterThan(0.05);
    model.dispose();
  }, 120_000);
});
