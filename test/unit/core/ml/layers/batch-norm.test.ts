import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { layers, sequential } from '@tensorflow/tfjs-layers';
import { FerBatchNorm } from '../../../../../src-main/core/ml/layers/batch-norm.ts';

// FerBatchNorm must compute what Keras' BatchNormalization computes, forward and backward, with a cheaper gradient.
describe('FerBatchNorm vs tfjs-layers BatchNormalization (cpu)', () => {
  async function run(layer: layers.Layer) {
    await tf.setBackend('cpu');
    const model = sequential({ layers: [layers.inputLayer({ inputShape: [5, 4, 3] }), layer] });
    const bn = model.layers.at(-1)!;
    const gamma = tf.tensor1d([1.5, -0.5, 2]);
    const beta = tf.tensor1d([0.1, 0.2, -0.3]);
    bn.setWeights([gamma, beta, tf.zeros([3]), tf.ones([3])]);
    const x = tf.randomNormal([6, 5, 4, 3], 2, 3, 'float32', 11);
    const r = tf.randomNormal([6, 5, 4, 3], 0, 1, 'float32', 12);
    const f = (input: tf.Tensor) => tf.sum(tf.mul(model.apply(input, { training: true }) as tf.Tensor, r)) as tf.Scalar;
    const { value, grads } = tf.variableGrads(() => f(x), model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val));
    const dx = tf.grad(f)(x);
    const out = {
      y: await (model.apply(x, { training: true }) as tf.Tensor).data(),
      loss: (await value.data())[0]!,
      dx: await dx.data(),
      dGamma: await Object.values(grads)[0]!.data(),
      dBeta: await Object.values(grads)[1]!.data(),
      moving: await Promise.all(bn.getWeights().slice(2).map((w) => w.data())),
      eval: await (model.apply(x, { training: false }) as tf.Tensor).data(),
    };
    return out;
  }

  const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-4) => {
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(tol * Math.max(1, Math.abs(b[i]!)));
  };

  it('matches outputs, gradients and moving statistics', async () => {
    const ref = await run(layers.batchNormalization({ axis: -1, momentum: 0.9, epsilon: 1e-3 }));
    const got = await run(new FerBatchNorm({ momentum: 0.9, epsilon: 1e-3 }));
    close(got.y, ref.y);
    expect(got.loss).toBeCloseTo(ref.loss, 3);
    close(got.dx, ref.dx);
    close(got.dGamma, ref.dGamma);
    close(got.dBeta, ref.dBeta);
    // Moving stats after the same number of training calls (3 each: y, loss, dx).
    close(got.moving[0]!, ref.moving[0]!);
    close(got.moving[1]!, ref.moving[1]!, 1e-3);
    close(got.eval, ref.eval, 1e-3);
  });
});
