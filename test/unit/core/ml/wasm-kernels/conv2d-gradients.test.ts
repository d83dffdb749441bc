import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../../../../src-main/core/ml/wasm-kernels/register.ts';

type Pad = 'same' | 'valid';
const CASES: Array<{ x: [number, number, number, number]; k: number; co: number; stride: number; pad: Pad }> = [
  { x: [2, 7, 7, 3], k: 3, co: 4, stride: 1, pad: 'same' },
  { x: [3, 8, 6, 2], k: 3, co: 5, stride: 1, pad: 'valid' },
  { x: [2, 9, 9, 4], k: 5, co: 3, stride: 1, pad: 'same' },
  { x: [2, 9, 8, 3], k: 3, co: 2, stride: 2, pad: 'same' },   // stride 2: dW via dilation, dX via the backend's own kernel
  { x: [1, 10, 10, 2], k: 3, co: 3, stride: 2, pad: 'valid' },
  { x: [4, 6, 6, 1], k: 3, co: 8, stride: 1, pad: 'same' },    // one input channel, like the first layer
];

/** dL/dx and dL/dW of sum(conv2d(x, w) * r) on one backend. */
async function gradients(backend: string, c: (typeof CASES)[number]) {
  await tf.setBackend(backend);
  const x = tf.randomNormal(c.x, 0, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.randomNormal([c.k, c.k, c.x[3], c.co], 0, 1, 'float32', 2) as tf.Tensor4D;
  const r = tf.randomNormal(tf.conv2d(x, w, c.stride, c.pad).shape, 0, 1, 'float32', 3);
  const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), r)));
  const [dx, dw] = g([x, w]);
  const out = { dx: await dx!.data(), dw: await dw!.data() };
  tf.dispose([x, w, r, dx!, dw!]);
  return out;
}

function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1e-6;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m / scale;
}

describe('wasm Conv2D gradient kernels vs the cpu backend', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    registerWasmTrainingKernels();
  });

  it.each(CASES)('x $x, kernel $k -> $co channels, stride $stride, $pad', async (c) => {
    const ref = await gradients('cpu', c);
    const got = await gradients('wasm', c);
    expect(got.dw.length).toBe(ref.dw.length);
    expect(maxRelError(got.dw, ref.dw)).toBeLessThan(1e-4);
    expect(maxRelError(got.dx, ref.dx)).toBeLessThan(1e-4);
  });

  it('leaks no tensors', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([2, 6, 6, 2]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 2, 3]) as tf.Tensor4D;
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same')))([x, w]);
    tf.dispose([x, w, dx!, dw!]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
