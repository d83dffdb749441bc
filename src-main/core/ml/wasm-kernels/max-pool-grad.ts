/**
 * MaxPoolGrad for the wasm backend. The backend's own kernel (tfjs-backend-wasm 4.22) is wrong on windows
 * with negative values: on raw normal 8x48x48x16 input, 2x2/2, it is off the cpu backend by 3.6 (the
 * gradient's scale is ~1); after a ReLU it is exact. Our models always pool after a ReLU, so it never hurt
 * their training (an earlier note blamed it for slow FER runs: wrong, that was the classifier's init and
 * the optimizer, see conv-blocks.ts and train-defaults.ts), but the kernel must be right for any input.
 * This is the reference algorithm as a plain loop over the tensors' memory: each output's gradient goes
 * to the first maximum of its window (as the cpu backend does). wasm tensors live in CPU memory, so the
 * synchronous reads are copies, not device round trips; a loop over 64x48x48x16 takes a few ms.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backend_util, type KernelConfig, type NamedAttrMap, type NamedTensorInfoMap } from '@tensorflow/tfjs-core';

export interface MaxPoolGradAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** dx of maxPool(x) given dy (NHWC): dy of each window added at the window's first maximum. */
export function maxPoolGradient(dy: tf.Tensor4D, x: tf.Tensor4D, attrs: MaxPoolGradAttrs): tf.Tensor4D {
  const info = backend_util.computePool2DInfo(x.shape, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize: b, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const fh = info.effectiveFilterHeight;
  const fw = info.effectiveFilterWidth;
  const xs = x.dataSync() as Float32Array;
  const dys = dy.dataSync() as Float32Array;
  const dx = new Float32Array(xs.length);
  for (let n = 0; n < b; n++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = Math.max(0, oy * sh - padInfo.top);
      const y1 = Math.min(h, oy * sh - padInfo.top + fh);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = Math.max(0, ox * sw - padInfo.left);
        const x1 = Math.min(w, ox * sw - padInfo.left + fw);
        const outBase = ((n * oh + oy) * ow + ox) * c;
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let yy = y0; yy < y1; yy++) {
            for (let xx = x0; xx < x1; xx++) {
              const i = ((n * h + yy) * w + xx) * c + ch;
              if (xs[i]! > best) {
                best = xs[i]!;
                at = i;
              }
            }
          }
          if (at >= 0) dx[at]! += dys[outBase + ch]!;
        }
      }
    }
  }
  return tf.tensor4d(dx, x.shape);
}

export const maxPoolGradWasm: KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  // Returning a Tensor hands the engine our result as is (see conv2d-backprop-filter.ts).
  kernelFunc: ({ inputs, attrs }: { inputs: NamedTensorInfoMap; attrs?: NamedAttrMap }) =>
    maxPoolGradient(inputs.dy as tf.Tensor4D, inputs.input as tf.Tensor4D, attrs as unknown as MaxPoolGradAttrs),
};
