/**
 * ReLU's gradient in one native pass. TF.js builds it from three full-size wasm kernels (Step, Cast,
 * Multiply: ~25 ms of a cnn-small step). The Relu gradient is registered by kernel name for every backend,
 * so ours takes the native kernel only where the active backend has it, and TF.js's own formula elsewhere.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeAddon } from './addon.ts';
import { view } from './heap.ts';

export const RELU_GRAD = 'FerReluGrad';

export function nativeReluGrad(addon: NativeAddon): KernelConfig {
  return {
    kernelName: RELU_GRAD,
    backendName: 'native',
    kernelFunc: (args: Parameters<KernelFunc>[0]) => {
      const { dy, x } = args.inputs;
      const backend = args.backend as BackendWasm;
      const out = backend.makeOutput(x!.shape, 'float32');
      addon.reluGrad(view(backend, dy!), view(backend, x!), view(backend, out));
      return out;
    },
  };
}

export function registerReluGradient(): void {
  tf.registerGradient({
    kernelName: 'Relu',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved as [tf.Tensor];
      const g = dy as tf.Tensor;
      const native = tf.getKernel(RELU_GRAD, tf.getBackend()) && g.dtype === 'float32' && x.dtype === 'float32';
      return { x: () => (native ? (tf.engine().runKernel(RELU_GRAD, { dy: g, x }, {}) as tf.Tensor) : tf.mul(g, tf.cast(tf.step(x), 'float32'))) };
    },
  });
}
