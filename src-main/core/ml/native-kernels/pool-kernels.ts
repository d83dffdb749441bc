/** MaxPoolGrad on the native kernels: each window's dy goes to the window's first maximum (as the cpu backend does). */
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeAddon } from './addon.ts';
import { allFloat, convGeometry, view } from './heap.ts';

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

export function nativeMaxPoolGrad(addon: NativeAddon, fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'MaxPoolGrad',
    backendName: 'native',
    kernelFunc: (args: Parameters<KernelFunc>[0]) => {
      const { dy, input } = args.inputs;
      const a = args.attrs as unknown as PoolAttrs;
      const info = backend_util.computePool2DInfo(input!.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
      if (!allFloat(dy, input)) return fallback(args) as TensorInfo;
      const backend = args.backend as BackendWasm;
      const out = backend.makeOutput(input!.shape, 'float32');
      addon.maxPoolGrad(view(backend, input!), view(backend, dy!), view(backend, out), convGeometry(info));
      return out;
    },
  };
}
