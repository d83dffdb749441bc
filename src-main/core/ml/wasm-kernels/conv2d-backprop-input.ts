/**
 * A faster Conv2DBackpropInput for the wasm backend. The backend's own kernel is a plain loop, 10-12x
 * slower than its XNNPACK Conv2D (64x48x48x32->32: 1.36 s vs 0.11 s). For stride 1 the input gradient is
 * a convolution of dy with the filter rotated 180 degrees and its channel axes swapped, padded by
 * k-1-pad: we run that on XNNPACK. Other strides fall back to the backend's kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backend_util, type KernelConfig, type KernelFunc, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs-core';

export interface BackpropInputAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/** The input gradient of a stride-1 2-D convolution (NHWC), or null when this path does not apply. */
export function conv2dInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, attrs: BackpropInputAttrs): tf.Tensor4D | null {
  if (attrs.dataFormat === 'NCHW') return null;
  const info = backend_util.computeConv2DInfo(attrs.inputShape, filter.shape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  if (info.strideHeight !== 1 || info.strideWidth !== 1) return null;
  const { filterHeight: kh, filterWidth: kw, padInfo } = info;
  return tf.tidy(() => {
    const rotated = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]); // [kh, kw, co, ci]
    const pad: backend_util.ExplicitPadding = [[0, 0], [kh - 1 - padInfo.top, kh - 1 - padInfo.bottom], [kw - 1 - padInfo.left, kw - 1 - padInfo.right], [0, 0]];
    return tf.conv2d(dy, rotated, 1, pad);
  });
}

/** Wraps the backend's original kernel so strides other than 1 keep working. */
export function conv2dBackpropInputWasm(original: KernelFunc): KernelConfig {
  return {
    kernelName: 'Conv2DBackpropInput',
    backendName: 'wasm',
    kernelFunc: (args: { inputs: NamedTensorInfoMap; attrs?: NamedAttrMap; backend: unknown }) => {
      const fast = conv2dInputGradient(args.inputs.dy as tf.Tensor4D, args.inputs.filter as tf.Tensor4D, args.attrs as unknown as BackpropInputAttrs);
      return fast ?? (original(args as Parameters<KernelFunc>[0]) as TensorInfo);
    },
  };
}
