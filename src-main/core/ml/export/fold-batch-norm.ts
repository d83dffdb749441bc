/**
 * Batch-norm folded into the convolution before it. In inference batch-norm is an affine map per output
 * channel, y = gamma * (x - mean) / sqrt(variance + eps) + beta, so conv-then-BN is one convolution with
 * kernel * s and bias (bias - mean) * s + beta, where s = gamma / sqrt(variance + eps).
 */

export interface BatchNormParams {
  gamma: Float32Array;
  beta: Float32Array;
  movingMean: Float32Array;
  movingVariance: Float32Array;
  epsilon: number;
}

/** `kernel` is [..., outChannels] (TF.js keeps the output channel last); `bias` null for a conv without one. */
export function foldBatchNorm(kernel: Float32Array, bias: Float32Array | null, bn: BatchNormParams): { kernel: Float32Array; bias: Float32Array } {
  const c = bn.gamma.length;
  if (kernel.length % c !== 0) throw new Error(`cannot fold a batch-norm of ${c} channels into a kernel of ${kernel.length} values.`);
  // Float64 for the scale: the folded weights then differ from the two-step float32 result by rounding only.
  const scale = Array.from(bn.gamma, (g, i) => g / Math.sqrt(bn.movingVariance[i]! + bn.epsilon));
  const folded = new Float32Array(kernel.length);
  for (let i = 0; i < kernel.length; i++) folded[i] = kernel[i]! * scale[i % c]!;
  const b = new Float32Array(c);
  for (let i = 0; i < c; i++) b[i] = ((bias?.[i] ?? 0) - bn.movingMean[i]!) * scale[i]! + bn.beta[i]!;
  return { kernel: folded, bias: b };
}
