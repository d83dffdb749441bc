/**
 * Training batch-norm as two native kernels (forward with batch statistics, and its closed-form gradient),
 * each a few passes over memory. On wasm the same layer was ~14 element-wise kernels per conv layer and a
 * third of a cnn-small step. FerBatchNorm uses these when the active backend has them (the native engine),
 * and its tf-ops path otherwise.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeAddon } from './addon.ts';
import { view } from './heap.ts';

export const BATCH_NORM_TRAIN = 'FerBatchNormTrain';
export const BATCH_NORM_GRAD = 'FerBatchNormGrad';

type Args = Parameters<KernelFunc>[0];
const epsilonOf = (args: Args): number => (args.attrs as { epsilon: number }).epsilon;

/** inputs x [..., c], gamma [c], beta [c] -> [y, batch mean, batch variance (biased)]. */
export function nativeBatchNormTrain(addon: NativeAddon): KernelConfig {
  return {
    kernelName: BATCH_NORM_TRAIN,
    backendName: 'native',
    kernelFunc: (args: Args) => {
      const { x, gamma, beta } = args.inputs;
      const backend = args.backend as BackendWasm;
      const c = gamma!.shape[0]!;
      const outs: TensorInfo[] = [backend.makeOutput(x!.shape, 'float32'), backend.makeOutput([c], 'float32'), backend.makeOutput([c], 'float32')];
      const [y, mean, variance] = outs.map((t) => view(backend, t)) as [Float32Array, Float32Array, Float32Array];
      addon.batchNormTrain(view(backend, x!), view(backend, gamma!), view(backend, beta!), y, mean, variance, epsilonOf(args));
      return outs;
    },
  };
}

/** inputs dy, x, mean, variance, gamma -> [dx, dgamma, dbeta]. */
export function nativeBatchNormGrad(addon: NativeAddon): KernelConfig {
  return {
    kernelName: BATCH_NORM_GRAD,
    backendName: 'native',
    kernelFunc: (args: Args) => {
      const { dy, x, mean, variance, gamma } = args.inputs;
      const backend = args.backend as BackendWasm;
      const c = gamma!.shape[0]!;
      const outs: TensorInfo[] = [backend.makeOutput(x!.shape, 'float32'), backend.makeOutput([c], 'float32'), backend.makeOutput([c], 'float32')];
      const [dx, dgamma, dbeta] = outs.map((t) => view(backend, t)) as [Float32Array, Float32Array, Float32Array];
      addon.batchNormGrad(view(backend, dy!), view(backend, x!), view(backend, mean!), view(backend, variance!), view(backend, gamma!), dx, dgamma, dbeta, epsilonOf(args));
      return outs;
    },
  };
}

/** The gradient of FerBatchNormTrain for the tape (kernel-name based, so it serves any backend with the kernels). */
export function registerBatchNormGradient(): void {
  tf.registerGradient({
    kernelName: BATCH_NORM_TRAIN,
    inputsToSave: ['x', 'gamma'],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [x, gamma, mean, variance] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const dy = Array.isArray(dys) ? dys[0]! : dys;
      const [dx, dgamma, dbeta] = tf.engine().runKernel(BATCH_NORM_GRAD, { dy, x, mean, variance, gamma }, attrs) as tf.Tensor[];
      return { x: () => dx!, gamma: () => dgamma!, beta: () => dbeta! };
    },
  });
}

/** Training forward on the active backend's native kernel, or null when it has none. */
export function batchNormTrainNative(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): [tf.Tensor, tf.Tensor1D, tf.Tensor1D] | null {
  if (!tf.getKernel(BATCH_NORM_TRAIN, tf.getBackend())) return null;
  return tf.engine().runKernel(BATCH_NORM_TRAIN, { x, gamma, beta }, { epsilon }) as unknown as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
}
