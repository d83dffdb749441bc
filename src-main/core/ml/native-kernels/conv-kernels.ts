/**
 * Conv2D, FusedConv2D and both convolution gradients on the native kernels (see native/kernels.inc: direct
 * convolution in register tiles, no im2col buffer). Cases the native code does not cover (NCHW, dilation,
 * other fused activations, strided input gradients) go to the kernel registered before.
 */
import { backend_util, util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeAddon } from './addon.ts';
import { allFloat, convGeometry, nativeConvFits, view } from './heap.ts';

type Pad = 'valid' | 'same' | number | backend_util.ExplicitPadding;
interface ConvAttrs {
  strides: number | [number, number];
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  activation?: string;
  inputShape?: [number, number, number, number];
  filterShape?: [number, number, number, number];
}
type Args = Parameters<KernelFunc>[0];

function convInfo(xShape: number[], filterShape: number[], a: ConvAttrs): backend_util.Conv2DInfo {
  const format = a.dataFormat === 'NCHW' ? 'channelsFirst' : 'channelsLast';
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, false, format,
  );
}

const ACTIVATIONS: Record<string, number> = { linear: 0, relu: 1 };

/** Conv2D (no bias, no activation) and FusedConv2D (bias of outC values, linear or relu). */
export function nativeConv2d(addon: NativeAddon, kernelName: 'Conv2D' | 'FusedConv2D', fallback: KernelFunc): KernelConfig {
  return {
    kernelName,
    backendName: 'native',
    kernelFunc: (args: Args) => {
      const { x, filter, bias, preluActivationWeights } = args.inputs;
      const a = args.attrs as unknown as ConvAttrs;
      const act = ACTIVATIONS[a.activation ?? 'linear'];
      const info = convInfo(x!.shape, filter!.shape, a);
      const fits = nativeConvFits(info) && act !== undefined && !preluActivationWeights && allFloat(x, filter, bias) && (!bias || util.sizeFromShape(bias.shape) === info.outChannels);
      if (!fits) return fallback(args) as TensorInfo;
      const backend = args.backend as BackendWasm;
      const out = backend.makeOutput(info.outShape, 'float32');
      addon.conv2d(view(backend, x!), view(backend, filter!), bias ? view(backend, bias) : null, view(backend, out), convGeometry(info), act);
      return out;
    },
  };
}

/** [kh, kw, ci, co] -> [kH-1-kh, kW-1-kw, co, ci]: the filter of the input gradient seen as a convolution. */
export function rotateFilter(w: Float32Array, kH: number, kW: number, ci: number, co: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let kh = 0; kh < kH; kh++)
    for (let kw = 0; kw < kW; kw++) {
      const src = (kh * kW + kw) * ci * co;
      const dst = ((kH - 1 - kh) * kW + (kW - 1 - kw)) * co * ci;
      for (let i = 0; i < ci; i++) for (let o = 0; o < co; o++) out[dst + o * ci + i] = w[src + i * co + o]!;
    }
  return out;
}

/** dx for stride 1: dy convolved with the rotated filter, padded by k-1-pad. */
export function nativeConv2dBackpropInput(addon: NativeAddon, fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'Conv2DBackpropInput',
    backendName: 'native',
    kernelFunc: (args: Args) => {
      const { dy, filter } = args.inputs;
      const a = args.attrs as unknown as ConvAttrs;
      const info = convInfo(a.inputShape!, filter!.shape, a);
      if (!nativeConvFits(info) || info.strideHeight !== 1 || info.strideWidth !== 1 || !allFloat(dy, filter)) return fallback(args) as TensorInfo;
      const backend = args.backend as BackendWasm;
      const { filterHeight: kH, filterWidth: kW, inChannels: ci, outChannels: co, padInfo } = info;
      const rotated = rotateFilter(view(backend, filter!), kH, kW, ci, co);
      const out = backend.makeOutput(info.inShape, 'float32');
      const geometry = Int32Array.from([info.batchSize, info.outHeight, info.outWidth, co, info.inHeight, info.inWidth, ci, kH, kW, 1, 1, kH - 1 - padInfo.top, kW - 1 - padInfo.left]);
      addon.conv2d(view(backend, dy!), rotated, null, view(backend, out), geometry, 0);
      return out;
    },
  };
}

export function nativeConv2dBackpropFilter(addon: NativeAddon, fallback: KernelFunc): KernelConfig {
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'native',
    kernelFunc: (args: Args) => {
      const { x, dy } = args.inputs;
      const a = args.attrs as unknown as ConvAttrs;
      const info = convInfo(x!.shape, a.filterShape!, a);
      if (!nativeConvFits(info) || !allFloat(x, dy)) return fallback(args) as TensorInfo;
      const backend = args.backend as BackendWasm;
      const out = backend.makeOutput(a.filterShape!, 'float32');
      addon.conv2dFilterGrad(view(backend, x!), view(backend, dy!), view(backend, out), convGeometry(info));
      return out;
    },
  };
}
