/**
 * Dropout whose masks follow the run's seed. tfjs-layers' Dropout with a `seed` draws the SAME mask on
 * every call (the seed restarts the generator); without one it is unseeded. Here call n uses seed + n.
 */
import * as tf from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';

export interface DropoutConfig {
  rate: number;
  seed?: number;
  name?: string;
}

export class FerDropout extends layers.Layer {
  static className = 'FerDropout';
  private readonly rate: number;
  private readonly seed: number;
  private calls = 0;

  constructor(config: DropoutConfig) {
    super(config);
    if (!(config.rate >= 0 && config.rate < 1)) throw new RangeError(`Dropout rate must be in [0, 1), got ${config.rate}.`);
    this.rate = config.rate;
    this.seed = config.seed ?? 0;
  }

  override computeOutputShape(inputShape: Array<null | number> | Array<null | number>[]) {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (kwargs['training'] !== true || this.rate === 0) return tf.clone(x);
    const seed = this.seed * 1_000_003 + this.calls++;
    return tf.tidy(() => tf.mul(x, tf.div(tf.step(tf.sub(tf.randomUniform(x.shape, 0, 1, 'float32', seed), this.rate)), 1 - this.rate)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(FerDropout);
