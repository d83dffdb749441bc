import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { EngineName } from '../../src-main/core/api/train-api.ts';
import { initEngine } from '../../src-main/core/ml/engine.ts';
import { buildConvNet } from '../../src-main/core/ml/models/conv-blocks.ts';

/**
 * The gradient of every weight of a narrow version of the reference architecture (same layer code: conv,
 * FerBatchNorm, ReLU, max-pool, seeded FerDropout, dense) on one batch, on one engine. Gradients, not
 * weights after a few steps: a few small steps move the weights less than any sane tolerance, which let a
 * wrong MaxPoolGrad through (80% off, every conv below a pool learning from noise). Narrow, because the
 * cpu backend (the reference) is ~1000x slower than wasm at full width.
 */
export async function modelGradients(engine: EngineName) {
  await initEngine(engine);
  const model = buildConvNet({ blocks: [8, 16, 16], dense: 32, convDropout: 0.25, denseDropout: 0.5 }, 5);
  // The classifier starts at zero (conv-blocks.ts), which would zero every gradient below it: give it weights.
  const last = model.layers[model.layers.length - 1]!;
  last.setWeights([tf.randomNormal(last.getWeights()[0]!.shape, 0, 0.2, 'float32', 9), last.getWeights()[1]!]);
  const x = tf.randomNormal([8, 48, 48, 1], 0, 1, 'float32', 21);
  const y = tf.oneHot(tf.tensor1d([3, 5, 0, 1, 2, 4, 6, 3], 'int32'), 7);
  // Dropout masks are drawn in JS from the layer seeds, so every engine sees the same ones.
  const { value, grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar);
  const loss = (await value.data())[0]!;
  // Variable names carry a per-process layer counter, so two runs are matched by weight order.
  const byVariable = await Promise.all(model.trainableWeights.map(async (w) => ({ name: w.originalName, grad: await grads[(w.read() as tf.Variable).name]!.data() })));
  model.dispose();
  tf.dispose([x, y, value, ...Object.values(grads)]);
  return { loss, byVariable };
}

type Gradients = Awaited<ReturnType<typeof modelGradients>>;

/** Same loss, and every weight's gradient within 1e-4 relative (L2) of the reference. */
export function expectSameGradients(got: Gradients, reference: Gradients): void {
  expect(Number.isFinite(reference.loss)).toBe(true);
  expect(got.loss).toBeCloseTo(reference.loss, 4);
  expect(got.byVariable.length).toBe(reference.byVariable.length);
  expect(reference.byVariable.length).toBe(22); // 6 convs + 6 x (gamma, beta) + 2 x (kernel, bias)
  reference.byVariable.forEach(({ name, grad: c }, k) => {
    const w = got.byVariable[k]!.grad;
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < c.length; i++) {
      diff += (w[i]! - c[i]!) ** 2;
      norm += c[i]! ** 2;
    }
    expect(norm, `${name} has a zero gradient`).toBeGreaterThan(1e-6);
    expect(Math.sqrt(diff / norm), `relative error of d loss / d ${name}`).toBeLessThan(1e-4);
  });
}
