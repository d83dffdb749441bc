/**
 * BatchMatMul and _FusedMatMul (dense layers) on the native GEMM. Batches must match or be 1 on one side;
 * other broadcasts, non-float inputs and fused activations other than linear/relu go to the kernel
 * registered before.
 */
import { util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeAddon } from './addon.ts';
import { allFloat, view } from './heap.ts';

type Args = Parameters<KernelFunc>[0];
interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation?: string;
}

const sameDims = (a: number[], b: number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** Shapes and dims for the native call, or null when the native GEMM does not cover them. */
export function matmulPlan(aShape: number[], bShape: number[], transposeA: boolean, transposeB: boolean): { outShape: number[]; dims: Int32Array } | null {
  if (aShape.length < 2 || bShape.length < 2) return null;
  const aOuter = aShape.slice(0, -2);
  const bOuter = bShape.slice(0, -2);
  const [m, k] = transposeA ? [aShape.at(-1)!, aShape.at(-2)!] : [aShape.at(-2)!, aShape.at(-1)!];
  const [kb, n] = transposeB ? [bShape.at(-1)!, bShape.at(-2)!] : [bShape.at(-2)!, bShape.at(-1)!];
  if (k !== kb) return null;
  const batchA = util.sizeFromShape(aOuter);
  const batchB = util.sizeFromShape(bOuter);
  let outer: number[];
  if (sameDims(aOuter, bOuter)) outer = aOuter;
  else if (batchA === 1) outer = bOuter.length >= aOuter.length ? bOuter : aOuter;
  else if (batchB === 1) outer = aOuter.length >= bOuter.length ? aOuter : bOuter;
  else return null;
  return { outShape: [...outer, m, n], dims: Int32Array.from([batchA, batchB, m, k, n, transposeA ? 1 : 0, transposeB ? 1 : 0]) };
}

export function nativeMatMul(addon: NativeAddon, kernelName: 'BatchMatMul' | '_FusedMatMul', fallback: KernelFunc): KernelConfig {
  return {
    kernelName,
    backendName: 'native',
    kernelFunc: (args: Args) => {
      const { a, b, bias, preluActivationWeights } = args.inputs;
      const attrs = args.attrs as unknown as MatMulAttrs;
      const activation = attrs.activation ?? 'linear';
      const plan = matmulPlan(a!.shape, b!.shape, attrs.transposeA, attrs.transposeB);
      const n = plan?.outShape.at(-1) ?? 0;
      const biasFits = !bias || util.sizeFromShape(bias.shape) === n;
      if (!plan || !biasFits || preluActivationWeights || (activation !== 'linear' && activation !== 'relu') || !allFloat(a, b, bias)) return fallback(args) as TensorInfo;
      const backend = args.backend as BackendWasm;
      const out = backend.makeOutput(plan.outShape, 'float32');
      const c = view(backend, out);
      addon.matmul(view(backend, a!), view(backend, b!), c, plan.dims);
      if (bias || activation === 'relu') {
        const bv = bias ? view(backend, bias) : null;
        for (let i = 0; i < c.length; i++) {
          const v = c[i]! + (bv ? bv[i % n]! : 0);
          c[i] = activation === 'relu' && v < 0 ? 0 : v;
        }
      }
      return out;
    },
  };
}
