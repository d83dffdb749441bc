/**
 * Identity that shares the input's memory (one more reference), as the cpu and webgl backends do. wasm's
 * own Identity copies the tensor, and TF.js clones every tensor a custom gradient saves (each fused conv
 * saves its input, filter and output): 8 full-size copies per conv layer and step, ~40 ms of a cnn-small
 * step. Kernels never write into their inputs, so sharing is safe.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function sharedIdentity(fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'Identity',
    backendName: 'native',
    kernelFunc: (args: Parameters<KernelFunc>[0]) => {
      const x = args.inputs.x!;
      if (x.dtype === 'string') return fallback(args) as TensorInfo;
      (args.backend as BackendWasm).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  };
}
