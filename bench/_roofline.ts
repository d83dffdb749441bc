/**
 * What the engine can do at best, to read the training figures against: the speed of its fastest
 * convolution (the op a CNN step is made of) on a cnn-small-sized layer, and the FLOPs a training
 * step needs per image. ceiling = convolution GFLOP/s / training GFLOP per image: no training loop on
 * this engine can beat it without faster kernels, whatever the loop does.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Sequential } from '@tensorflow/tfjs-layers';

export interface Roofline {
  convGflops: number;            // measured forward Conv2D, 64 x 48x48x32 -> 32, 3x3
  trainGflopPerImage: number;    // forward + input gradient + filter gradient of every conv and dense layer
  ceilingImagesPerSecond: number;
}

/** Multiply-accumulates of one forward pass of one image, from the layers' weight and output shapes. */
export function forwardMacs(model: Sequential): number {
  let macs = 0;
  for (const layer of model.layers) {
    const kernel = layer.getWeights().find((w) => w.shape.length >= 2);
    if (!kernel) continue;
    const out = layer.outputShape as number[];
    const outPixels = out.length === 4 ? out[1]! * out[2]! : 1;
    macs += outPixels * kernel.size;
  }
  return macs;
}

export async function roofline(model: Sequential): Promise<Roofline> {
  const x = tf.randomNormal([64, 48, 48, 32]) as tf.Tensor4D;
  const w = tf.randomNormal([3, 3, 32, 32]) as tf.Tensor4D;
  const once = async () => {
    const y = tf.conv2d(x, w, 1, 'same');
    await y.data();
    y.dispose();
  };
  await once();
  const reps = 5;
  const t = performance.now();
  for (let i = 0; i < reps; i++) await once();
  const seconds = (performance.now() - t) / 1000 / reps;
  tf.dispose([x, w]);
  const convGflops = (2 * 64 * 48 * 48 * 9 * 32 * 32) / seconds / 1e9;
  // Training = forward + the input gradient + the filter gradient, each about one forward's MACs.
  const trainGflopPerImage = (3 * 2 * forwardMacs(model)) / 1e9;
  return { convGflops, trainGflopPerImage, ceilingImagesPerSecond: convGflops / trainGflopPerImage };
}
