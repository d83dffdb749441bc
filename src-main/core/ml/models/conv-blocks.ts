import * as tf from '@tensorflow/tfjs-layers';
import { IMAGE_SIDE, NUM_CLASSES } from '../../../../src-common/classes.ts';
import type { SetShape } from '../image-set.ts';
import { FerBatchNorm } from '../layers/batch-norm.ts';
import { FerDropout } from '../layers/dropout.ts';

export interface ConvNetSpec {
  /** Filters of each conv block; every block is two 3x3 convs (same padding, batch-norm, ReLU), max-pool 2, dropout. */
  blocks: readonly number[];
  dense: number;
  convDropout: number;
  denseDropout: number;
}

/**
 * The VGG-style stack both reference models share. Convs carry no bias (batch-norm follows);
 * the model outputs logits (softmax is applied by the loss and by predict). Dropout and batch-norm are
 * our own layers (seeded masks; a closed-form batch-norm gradient that is 3x cheaper on wasm).
 * `seed` makes the initial weights reproducible; `shape` is the dataset's image side, channels and class count (FER2013's by default).
 */
export function buildConvNet(spec: ConvNetSpec, seed: number, shape: SetShape = { side: IMAGE_SIDE, classes: NUM_CLASSES, channels: 1 }): tf.Sequential {
  let s = seed;
  const init = () => tf.initializers.heNormal({ seed: s++ });
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [shape.side, shape.side, shape.channels] }));
  for (const filters of spec.blocks) {
    for (let i = 0; i < 2; i++) {
      model.add(tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init() }));
      model.add(new FerBatchNorm({ momentum: 0.9 }));
      model.add(tf.layers.activation({ activation: 'relu' }));
    }
    model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
    model.add(new FerDropout({ rate: spec.convDropout, seed: s++ }));
  }
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: spec.dense, activation: 'relu', kernelInitializer: init() }));
  model.add(new FerDropout({ rate: spec.denseDropout, seed: s++ }));
  // Zero-initialized classifier: training starts from uniform predictions (loss ln 7). With Glorot init the
  // logits start with a std of 2-3 (dropout doubles them in training), the first losses were 3-8 and a
  // 4,000-image run collapsed onto the majority class for 300 steps; zero init reached 41% val there.
  model.add(tf.layers.dense({ units: shape.classes, kernelInitializer: tf.initializers.zeros() }));
  return model;
}
