import { describe, expect, it } from 'vitest';
import { initEngine } from '../../../../src-main/core/ml/engine.ts';
import { buildModel } from '../../../../src-main/core/ml/models/index.ts';
import { predictProbs, predictWithFeatures } from '../../../../src-main/core/ml/trained-model.ts';
import { Random } from '../../../../src-main/core/ml/random.ts';
import type { ImageSet } from '../../../../src-main/core/ml/image-set.ts';
import { randomizeWeights } from '../../../helpers/random-weights.ts';

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('predictWithFeatures', () => {
  it('gives predictProbs\' probabilities and the unmirrored images\' penultimate features from one pass', async () => {
    await initEngine('auto');
    const model = buildModel('cnn-tiny', 3);
    randomizeWeights(model, 17);
    const rnd = new Random(5);
    const count = 7;
    const set: ImageSet = { pixels: Uint8Array.from({ length: count * 48 * 48 }, () => rnd.int(256)), labels: new Int32Array(count), count };
    const norm = { mean: 120, std: 60 };

    // batches of 3: the rows of every batch land in place
    const { probs, embedding } = await predictWithFeatures(model, norm, set, { ttaFlip: true, batchSize: 3 });
    expect(maxDiff(probs, await predictProbs(model, norm, set, { ttaFlip: true }))).toBeLessThan(1e-6);
    expect(embedding.dim).toBe(128); // cnn-tiny's dense layer
    expect(embedding.features).toHaveLength(count * 128);

    // The features are what the classifier reads: softmax(features W + b) is the unmirrored prediction
    // (and not the flip-averaged one, which differs).
    const [kernel, bias] = model.layers.at(-1)!.getWeights();
    const w = (await kernel!.data()) as Float32Array;
    const b = (await bias!.data()) as Float32Array;
    const fromFeatures = new Float32Array(count * 7);
    for (let i = 0; i < count; i++) {
      const logits = Array.from({ length: 7 }, (_, c) => b[c]! + Array.from({ length: 128 }, (_, j) => embedding.features[i * 128 + j]! * w[j * 7 + c]!).reduce((x, y) => x + y, 0));
      const top = Math.max(...logits);
      const z = logits.reduce((x, l) => x + Math.exp(l - top), 0);
      logits.forEach((l, c) => (fromFeatures[i * 7 + c] = Math.exp(l - top) / z));
    }
    const unmirrored = await predictProbs(model, norm, set, { ttaFlip: false });
    expect(maxDiff(fromFeatures, unmirrored)).toBeLessThan(1e-4);
    expect(maxDiff(unmirrored, probs)).toBeGreaterThan(1e-3);
    model.dispose();
  });
});
