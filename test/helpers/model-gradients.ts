import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { EngineName } from '../../src-main/core/api/train-api.ts';
import { initEngine } from '../../src-main/core/ml/engine.ts';
import { loadNativeAddon, type NativePrecision } from '../../src-main/core/ml/native-kernels/addon.ts';
import { buildConvNet } from '../../src-main/core/ml/models/conv-blocks.ts';
import { roundToBf16 } from './bf16.ts';

/**
 * The gradient of every weight of a narrow version of the reference architecture (same layer code: conv,
 * FerBatchNorm, ReLU, max-pool, seeded FerDropout, dense) on one batch, on one engine. Gradients, not
 * weights after a few steps: a few small steps move the weights less than any sane tolerance, which let a
 * wrong MaxPoolGrad through (80% off, every conv below a pool learning from noise). Narrow, because the
 * cpu backend (the reference) is ~1000x slower than wasm at full width. `nativePrecision` sets the native
 * kernels' precision; `bf16Weights` rounds every weight and the input batch to bf16 first (a baseline for
 * what bf16-sized changes do to these gradients). `channels` 3: RGB input, so the first convolution has C_in = 3.
 */
export async function modelGradients(engine: EngineName, options: { nativePrecision?: NativePrecision; bf16Weights?: boolean; channels?: number } = {}) {
  const { nativePrecision, bf16Weights = false, channels = 1 } = options;
  await initEngine(engine);
  if (nativePrecision) loadNativeAddon().addon!.setPrecision(nativePrecision);
  const model = buildConvNet({ blocks: [8, 16, 16], dense: 32, convDropout: 0.25, denseDropout: 0.5 }, 5, { side: 48, classes: 7, channels });
  // The classifier starts at zero (conv-blocks.ts), which would zero every gradient below it: give it weights.
  const last = model.layers[model.layers.length - 1]!;
  last.setWeights([tf.randomNormal(last.getWeights()[0]!.shape, 0, 0.2, 'float32', 9), last.getWeights()[1]!]);
  const rounded = (t: tf.Tensor) => (bf16Weights ? tf.tidy(() => tf.tensor(roundToBf16(t.dataSync() as Float32Array), t.shape)) : t);
  if (bf16Weights) for (const layer of model.layers) layer.setWeights(layer.getWeights().map(rounded));
  const x = rounded(tf.randomNormal([8, 48, 48, channels], 0, 1, 'float32', 21));
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

/** Each weight's gradient's relative (L2) error against the reference, by weight order, with its name. */
export function gradientErrors(got: Gradients, reference: Gradients): Array<{ name: string; error: number }> {
  expect(got.byVariable.length).toBe(reference.byVariable.length);
  expect(reference.byVariable.length).toBe(22); // 6 convs + 6 x (gamma, beta) + 2 x (kernel, bias)
  return reference.byVariable.map(({ name, grad: c }, k) => {
    const w = got.byVariable[k]!.grad;
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < c.length; i++) {
      diff += (w[i]! - c[i]!) ** 2;
      norm += c[i]! ** 2;
    }
    expect(norm, `${name} has a zero gradient`).toBeGreaterThan(1e-6);
    return { name, error: Math.sqrt(diff / norm) };
  });
}

/** Same loss (to `lossDigits` decimals), and every weight's gradient within `tolerance` relative (L2) of the reference. */
export function expectSameGradients(got: Gradients, reference: Gradients, tolerance = 1e-4, lossDigits = 4): void {
  expect(Number.isFinite(reference.loss)).toBe(true);
  expect(got.loss).toBeCloseTo(reference.loss, lossDigits);
  for (const { name, error } of gradientErrors(got, reference)) expect(error, `relative error of d loss / d ${name}`).toBeLessThan(tolerance);
}
