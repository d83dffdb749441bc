import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's node bundle (its "main") registers no gradients; tfjs-layers' node bundle registers them all.
import '@tensorflow/tfjs-layers';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.ts';
import { conv2dBackpropInputWasm } from './conv2d-backprop-input.ts';
import { maxPoolGradWasm } from './max-pool-grad.ts';

let registered = false;

/**
 * Makes the wasm backend able to train the studio's models: adds the missing Conv2DBackpropFilter and
 * replaces the slow Conv2DBackpropInput and the wrong MaxPoolGrad. Idempotent; call before the first training step on wasm.
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  if (!tf.getKernel('Conv2DBackpropFilter', 'wasm')) tf.registerKernel(conv2dBackpropFilterWasm);
  const original = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (original) {
    tf.unregisterKernel('Conv2DBackpropInput', 'wasm');
    // The original's setup binds the wasm function its strided fallback calls.
    tf.registerKernel({ ...conv2dBackpropInputWasm(original.kernelFunc), setupFunc: original.setupFunc });
  }
  if (tf.getKernel('MaxPoolGrad', 'wasm')) tf.unregisterKernel('MaxPoolGrad', 'wasm');
  tf.registerKernel(maxPoolGradWasm);
  registered = true;
}
