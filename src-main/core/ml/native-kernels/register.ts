/**
 * The `native` TF.js backend: a second instance of the wasm backend whose heavy kernels (Conv2D,
 * FusedConv2D, both convolution gradients, BatchMatMul, _FusedMatMul, MaxPoolGrad, the training
 * batch-norm of FerBatchNorm, ReLU's gradient) run on our native addon, in place on the wasm heap.
 * Everything else is wasm's own kernel, copied to the new name.
 * A separate backend name (rather than overriding 'wasm') keeps plain wasm available as the reference, and
 * makes the runs table say which code trained a model. Kernels of the two must not both be set up in one
 * process (wasm kernels bind their module in module-level variables): engine.ts uses one per process.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../wasm-kernels/register.ts';
import type { NativeAddon } from './addon.ts';
import { nativeBatchNormGrad, nativeBatchNormTrain, registerBatchNormGradient } from './batch-norm-kernels.ts';
import { nativeConv2d, nativeConv2dBackpropFilter, nativeConv2dBackpropInput } from './conv-kernels.ts';
import { nativeMatMul } from './matmul-kernels.ts';
import { nativeMaxPoolGrad } from './pool-kernels.ts';
import { sharedIdentity } from './identity-kernel.ts';
import { nativeReluGrad, registerReluGradient } from './relu-grad.ts';

type Replacement = (addon: NativeAddon, fallback: tf.KernelFunc) => tf.KernelConfig;

const REPLACED: Record<string, Replacement> = {
  Conv2D: (addon, fb) => nativeConv2d(addon, 'Conv2D', fb),
  FusedConv2D: (addon, fb) => nativeConv2d(addon, 'FusedConv2D', fb),
  Conv2DBackpropInput: nativeConv2dBackpropInput,
  Conv2DBackpropFilter: nativeConv2dBackpropFilter,
  BatchMatMul: (addon, fb) => nativeMatMul(addon, 'BatchMatMul', fb),
  _FusedMatMul: (addon, fb) => nativeMatMul(addon, '_FusedMatMul', fb),
  MaxPoolGrad: nativeMaxPoolGrad,
  Identity: (_addon, fb) => sharedIdentity(fb),
};

/** Registers the `native` backend (kernels and gradients) once per process; call before tf.setBackend('native'). */
export function registerNativeBackend(addon: NativeAddon): void {
  if (tf.findBackendFactory('native')) return;
  registerWasmTrainingKernels();
  for (const kernel of tf.getKernelsForBackend('wasm')) {
    const replace = REPLACED[kernel.kernelName];
    // A replaced kernel keeps the original's setup (it binds the wasm functions its fallback calls).
    const config = replace ? { ...replace(addon, kernel.kernelFunc), setupFunc: kernel.setupFunc, disposeFunc: kernel.disposeFunc } : kernel;
    tf.registerKernel({ ...config, backendName: 'native' });
  }
  for (const name of Object.keys(REPLACED)) {
    if (!tf.getKernel(name, 'native')) throw new Error(`native backend: wasm has no '${name}' kernel to fall back on.`);
  }
  tf.registerKernel(nativeBatchNormTrain(addon));
  tf.registerKernel(nativeBatchNormGrad(addon));
  registerBatchNormGradient();
  tf.registerKernel(nativeReluGrad(addon));
  registerReluGradient();
  // Priority below every shipped backend: only an explicit setBackend('native') picks it.
  tf.registerBackend('native', tf.findBackendFactory('wasm'), -1);
}
