import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { Random } from '../../src-main/core/ml/random.ts';

/**
 * Every weight set to seeded noise, batch-norm statistics included: a fresh model's zero classifier and unit
 * batch-norm would hide a mistake (its outputs barely depend on the convolutions).
 */
export function randomizeWeights(model: LayersModel, seed: number): void {
  const rnd = new Random(seed);
  for (const layer of model.layers) {
    const values = layer.getWeights().map((w, i) => {
      const name = layer.weights[i]!.originalName;
      const n = w.size;
      const data = Float32Array.from({ length: n }, () => {
        if (name.endsWith('moving_variance')) return rnd.uniform(0.2, 3);
        if (name.endsWith('gamma')) return rnd.uniform(0.5, 2);
        if (name.endsWith('kernel')) return rnd.uniform(-1, 1) * Math.sqrt(3 / (n / w.shape.at(-1)!));
        return rnd.uniform(-0.5, 0.5); // beta, moving_mean, biases
      });
      return tf.tensor(data, w.shape);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}
