/**
 * Glue between the native kernels and the wasm backend: tensors live in the wasm heap, so the kernels read
 * and write them in place through Float32Array views (no copies). Views must be taken after the last
 * allocation of a kernel (makeOutput may grow the heap, which detaches older views).
 */
import { backend_util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export function view(backend: BackendWasm, t: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

export const allFloat = (...ts: Array<TensorInfo | undefined>): boolean => ts.every((t) => t === undefined || t.dtype === 'float32');

/** [batch, inH, inW, inC, outH, outW, outC, kH, kW, strideH, strideW, padTop, padLeft], as native/addon.cc reads it. */
export function convGeometry(info: backend_util.Conv2DInfo): Int32Array {
  return Int32Array.from([
    info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth, info.outChannels,
    info.effectiveFilterHeight, info.effectiveFilterWidth, info.strideHeight, info.strideWidth, info.padInfo.top, info.padInfo.left,
  ]);
}

/** Whether the native convolution covers this geometry: NHWC, no dilation, non-negative padding. */
export function nativeConvFits(info: backend_util.Conv2DInfo): boolean {
  return info.dataFormat === 'channelsLast' && info.dilationHeight === 1 && info.dilationWidth === 1 && info.padInfo.top >= 0 && info.padInfo.left >= 0;
}
