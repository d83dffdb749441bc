/**
 * Batch normalization over the channel (last) axis with a closed-form gradient.
 *
 * tfjs-layers' BatchNormalization backpropagates through the whole graph that computes the batch mean and
 * variance (Mean, Square, Tile ops over full activations): on wasm that was a third of a cnn-small training
 * step. Here the gradient is the textbook one, dx = gamma/sigma * (dy - mean(dy) - xhat * mean(dy * xhat)),
 * in a handful of full-size passes. Same weights and names as Keras (gamma, beta, moving_mean,
 * moving_variance), so checkpoints stay ordinary TF.js layers models.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initializers, layers, type LayerVariable } from '@tensorflow/tfjs-layers';
import { sumPerChannel } from './channel-sum.ts';
import { batchNormTrainNative } from '../native-kernels/batch-norm-kernels.ts';

export interface BatchNormConfig {
  momentum?: number;
  epsilon?: number;
  name?: string;
}

type Kwargs = Record<string, unknown>;
type Shape = Array<null | number>;

export class FerBatchNorm extends layers.Layer {
  static className = 'FerBatchNorm';
  private readonly momentum: number;
  private readonly epsilon: number;
  private gamma!: LayerVariable;
  private beta!: LayerVariable;
  private movingMean!: LayerVariable;
  private movingVariance!: LayerVariable;

  constructor(config: BatchNormConfig = {}) {
    super(config);
    this.momentum = config.momentum ?? 0.9;
    this.epsilon = config.epsilon ?? 1e-3;
    this.supportsMasking = true;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const c = shape[shape.length - 1];
    if (c == null) throw new Error('FerBatchNorm needs a known channel count.');
    this.gamma = this.addWeight('gamma', [c], 'float32', initializers.ones());
    this.beta = this.addWeight('beta', [c], 'float32', initializers.zeros());
    this.movingMean = this.addWeight('moving_mean', [c], 'float32', initializers.zeros(), undefined, false);
    this.movingVariance = this.addWeight('moving_variance', [c], 'float32', initializers.ones(), undefined, false);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    const gamma = this.gamma.read();
    const beta = this.beta.read();
    if (kwargs['training'] !== true) {
      return tf.tidy(() => tf.batchNorm(x, this.movingMean.read(), this.movingVariance.read(), beta, gamma, this.epsilon));
    }
    return this.trainingForward(x, gamma, beta);
  }

  private trainingForward(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
    const eps = this.epsilon;
    const native = batchNormTrainNative(x, gamma, beta, eps);
    if (native) {
      this.updateMovingStats(native[1], native[2]);
      tf.dispose([native[1], native[2]]);
      return native[0];
    }
    const update = (mean: tf.Tensor1D, variance: tf.Tensor1D) => this.updateMovingStats(mean, variance);
    const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const [xIn, g, b, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      const c = xIn.shape[xIn.shape.length - 1]!;
      const n = xIn.size / c;
      const mean = tf.div(sumPerChannel(xIn), n) as tf.Tensor1D;
      const centered = tf.sub(xIn, mean);
      const variance = tf.div(sumPerChannel(tf.square(centered)), n) as tf.Tensor1D;
      const invStd = tf.rsqrt(tf.add(variance, eps));
      const xhat = tf.mul(centered, invStd);
      update(mean, variance);
      save([xhat, invStd, g]);
      return {
        value: tf.add(tf.mul(xhat, g), b),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [xh, inv, gm] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
          const dBeta = sumPerChannel(dy);
          const dGamma = sumPerChannel(tf.mul(dy, xh));
          // dx = gamma * invStd * (dy - dBeta/n - xhat * dGamma/n)
          const inner = tf.sub(tf.sub(dy, tf.div(dBeta, n)), tf.mul(xh, tf.div(dGamma, n)));
          return [tf.mul(inner, tf.mul(gm, inv)), dGamma, dBeta];
        },
      };
    });
    return op(x, gamma, beta);
  }

  /** As tfjs-layers: moving = moving * momentum + batch * (1 - momentum), batch variance without Bessel's correction. */
  private updateMovingStats(mean: tf.Tensor1D, variance: tf.Tensor1D): void {
    const m = this.momentum;
    tf.tidy(() => {
      this.movingMean.write(tf.add(tf.mul(this.movingMean.read(), m), tf.mul(mean, 1 - m)));
      this.movingVariance.write(tf.add(tf.mul(this.movingVariance.read(), m), tf.mul(variance, 1 - m)));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), momentum: this.momentum, epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(FerBatchNorm);
