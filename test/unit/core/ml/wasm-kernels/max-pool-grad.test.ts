import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../../../../src-main/core/ml/wasm-kernels/register.ts';

// The models' 2x2/2 pools at their sizes, odd sizes ('valid' drops a row, 'same' pads), overlapping windows.
const CASES: Array<{ x: [number, number, number, number]; size: number; stride: number; pad: 'valid' | 'same' }> = [
  { x: [8, 48, 48, 16], size: 2, stride: 2, pad: 'valid' },
  { x: [4, 12, 12, 32], size: 2, stride: 2, pad: 'same' },
  { x: [2, 7, 9, 3], size: 2, stride: 2, pad: 'valid' },
  { x: [2, 7, 9, 3], size: 2, stride: 2, pad: 'same' },
  { x: [2, 8, 8, 2], size: 3, stride: 1, pad: 'same' },
];

/**
 * dL/dx of sum(maxPool(x) * r) on one backend. On raw normal input, not after a ReLU: the backend's own
 * kernel is exact on non-negative input and wrong on negative windows, so a ReLU first would hide it.
 */
async function gradient(backend: string, { x: shape, size, stride, pad }: (typeof CASES)[number]) {
  await tf.setBackend(backend);
  const x = tf.randomNormal(shape, 0, 1, 'float32', 1) as tf.Tensor4D;
  const r = tf.randomNormal(tf.maxPool(x, size, stride, pad).shape, 0, 1, 'float32', 2);
  const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, stride, pad), r)))(x);
  const out = await dx.data();
  tf.dispose([x, r, dx]);
  return out;
}

describe('wasm MaxPoolGrad vs the cpu backend', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    registerWasmTrainingKernels();
  });

  it.each(CASES)('x $x, window $size stride $stride, $pad', async (c) => {
    const ref = await gradient('cpu', c);
    const got = await gradient('wasm', c);
    expect(got.length).toBe(ref.length);
    let worst = 0;
    for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(got[i]! - ref[i]!));
    expect(worst).toBeLessThan(1e-5);
  });
});
