import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../../src-main/core/ml/engine.ts';
import { buildConvNet } from '../../../../src-main/core/ml/models/conv-blocks.ts';

/**
 * Three SGD steps of a narrow version of the reference architecture (same layer code: conv, FerBatchNorm,
 * ReLU, max-pool, seeded FerDropout, dense) on the same small batch. Narrow, because the cpu backend is
 * ~1000x slower than wasm at full width.
 */
async function twoSteps(engine: 'wasm' | 'cpu') {
  await initEngine(engine);
  const model = buildConvNet({ blocks: [8, 16], dense: 32, convDropout: 0.25, denseDropout: 0.5 }, 5);
  const opt = tf.train.momentum(0.01, 0.9, true);
  const x = tf.randomNormal([4, 48, 48, 1], 0, 1, 'float32', 21);
  const y = tf.oneHot(tf.tensor1d([3, 5, 0, 1], 'int32'), 7);
  const losses: number[] = [];
  for (let i = 0; i < 3; i++) {
    // Dropout masks are drawn in JS from the layer seeds, so both engines see the same ones.
    const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor), true)!;
    losses.push((await l.data())[0]!);
    l.dispose();
  }
  const weights = await Promise.all(model.getWeights().map((w) => w.data()));
  const logits = await (model.apply(x, { training: false }) as tf.Tensor).data();
  model.dispose();
  opt.dispose();
  tf.dispose([x, y]);
  return { losses, weights, logits };
}

describe('engines run the same model code to the same results', () => {
  it('three training steps on wasm match cpu within float tolerance', async () => {
    const cpu = await twoSteps('cpu');
    const wasm = await twoSteps('wasm');
    for (let i = 0; i < 3; i++) expect(wasm.losses[i]).toBeCloseTo(cpu.losses[i]!, 3);
    for (const l of cpu.losses) expect(Number.isFinite(l)).toBe(true);
    expect(wasm.weights.length).toBe(cpu.weights.length);
    let worst = 0;
    cpu.weights.forEach((w, k) => {
      let scale = 1e-3;
      for (let i = 0; i < w.length; i++) scale = Math.max(scale, Math.abs(w[i]!));
      for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(wasm.weights[k]![i]! - w[i]!) / scale);
    });
    expect(worst).toBeLessThan(1e-3);
    for (let i = 0; i < cpu.logits.length; i++) expect(wasm.logits[i]).toBeCloseTo(cpu.logits[i]!, 2);
  }, 120_000);
});
