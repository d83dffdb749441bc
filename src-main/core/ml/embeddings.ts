/** A trained network's penultimate features (the layer before the classifier), the space neighbours are found in. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { writeNormalized } from './augment.ts';
import type { ImageSet } from './image-set.ts';
import { modelShape, type LoadedModel } from './trained-model.ts';

/**
 * count x dim features of `set` from the layer before `model`'s last one (for the conv nets: the dense layer's
 * ReLU output after an eval-mode dropout, i.e. unchanged). Eval mode throughout.
 */
export async function penultimateFeatures(model: LoadedModel, set: ImageSet, batchSize = 256): Promise<{ features: Float32Array; dim: number }> {
  const layers = model.model.layers;
  const feature = tfl.model({ inputs: model.model.inputs, outputs: layers[layers.length - 2]!.output as tfl.SymbolicTensor });
  const dim = feature.outputs[0]!.shape.at(-1)!;
  const { side, channels } = modelShape(model.model);
  const per = side * side * channels;
  const out = new Float32Array(set.count * dim);
  for (let start = 0; start < set.count; start += batchSize) {
    const n = Math.min(batchSize, set.count - start);
    const x = new Float32Array(n * per);
    for (let i = 0; i < n; i++) writeNormalized(set, start + i, model.normalization, x, i * per);
    const y = tf.tidy(() => feature.apply(tf.tensor4d(x, [n, side, side, channels]), { training: false }) as tf.Tensor2D);
    out.set((await y.data()) as Float32Array, start * dim);
    y.dispose();
  }
  return { features: out, dim };
}
