/**
 * bf16 rounding done in JavaScript, independently of the native kernels: round to nearest, ties to even, on
 * the upper 16 bits of each float (bf16 is fp32 with a 7-bit stored mantissa), as vcvtneps2bf16 does.
 */
export function roundToBf16(values: Float32Array): Float32Array {
  const out = Float32Array.from(values);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < bits.length; i++) {
    const u = bits[i]!;
    if ((u & 0x7fffffff) > 0x7f800000) continue; // NaN stays NaN
    bits[i] = ((u + 0x7fff + ((u >>> 16) & 1)) & 0xffff0000) >>> 0;
  }
  return out;
}

/**
 * Largest error of a bf16 dot product of n terms against the exact one, per unit of sum |a_i| |b_i|:
 * - each input rounded to bf16 (8 significant bits, round to nearest) is off by at most 2^-8 relative, so a
 *   product of two is off by at most (1 + 2^-8)^2 - 1 = 2^-7 + 2^-16;
 * - the fp32 accumulation of n terms (FMA or not, any order) adds at most gamma_n = n u / (1 - n u) of the sum
 *   of |terms| (u = 2^-24; gamma_n < 1.01 n u while n u < 0.01), and the fp32 reference it is compared with
 *   as much again: 2.02 n 2^-24 (the (1 + 2^-7) on the rounded terms' sum is inside the margin).
 * Tests multiply it by sum |a_i| |b_i| (the same product on absolute values) per output.
 */
export function bf16DotBound(n: number): number {
  if (n * 2 ** -24 >= 0.01) throw new Error(`a reduction of ${n} terms is past this bound's validity`);
  return 2 ** -7 + 2 ** -16 + 2.02 * n * 2 ** -24;
}
