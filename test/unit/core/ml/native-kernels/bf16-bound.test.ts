import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../../../src-main/core/ml/engine.ts';
import { loadNativeAddon } from '../../../../../src-main/core/ml/native-kernels/addon.ts';
import { bf16DotBound } from '../../../../helpers/bf16.ts';
import { runOn } from '../../../../helpers/backends.ts';

/**
 * The bf16 kernels on unrounded inputs against fp32 on the cpu backend: every output within
 * bf16DotBound(n) * sum |a_i| |b_i| of the reference (the derivation is in test/helpers/bf16.ts; n is the
 * reduction length), and far enough from it that bf16 rounding did happen. native-kernels.test.ts checks
 * the same kernels exactly on inputs rounded beforehand, on every instruction set.
 */
const native = process.env.FER_NATIVE === 'off' ? null : loadNativeAddon();

/** Outputs of f on native (bf16) and cpu, and the bound's scale: f on the inputs' absolute values, on cpu. */
async function compare(f: (abs: boolean) => tf.Tensor[], lengths: number[], what: string): Promise<void> {
  const got = await runOn('native', () => f(false));
  const want = await runOn('cpu', () => f(false));
  const scale = await runOn('cpu', () => f(true));
  lengths.forEach((n, k) => {
    const [g, w, s] = [got[k]!, want[k]!, scale[k]!];
    const bound = bf16DotBound(n);
    let worst = 0;
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < w.length; i++) {
      worst = Math.max(worst, Math.abs(g[i]! - w[i]!) / (bound * s[i]! + 1e-30));
      diff += (g[i]! - w[i]!) ** 2;
      norm += w[i]! ** 2;
    }
    expect(worst, `${what} [${k}]: largest error in units of its bound (n = ${n})`).toBeLessThanOrEqual(1);
    // fp32 kernels are ~1e-7 off; bf16 rounding of N(0,1) inputs puts it near 3e-3.
    expect(Math.sqrt(diff / norm), `${what} [${k}]: relative error shows bf16 rounding`).toBeGreaterThan(1e-4);
  });
}

const normal = (shape: number[], seed: number, abs: boolean) => {
  const t = tf.randomNormal(shape, 0, 1, 'float32', seed);
  return abs ? tf.abs(t) : t;
};

describe.skipIf(!native)('bf16 kernels stay within the error bound of bf16 rounding', () => {
  beforeAll(async () => {
    if (!native!.addon) throw new Error(`native addon missing: ${native!.problem}`);
    await initEngine('native');
    native!.addon.setPrecision('bf16');
  });
  afterAll(() => native!.addon?.setPrecision('fp32'));

  for (const [m, k, n, ta, tb] of [[64, 300, 256, false, false], [64, 256, 600, false, true], [600, 64, 256, true, false]] as const) {
    it(`matMul ${m}x${k}x${n} transposeA ${ta} transposeB ${tb}`, async () => {
      await compare((abs) => [tf.matMul(normal(ta ? [k, m] : [m, k], 1, abs) as tf.Tensor2D, normal(tb ? [n, k] : [k, n], 2, abs) as tf.Tensor2D, ta, tb)], [k], 'matMul');
    });
  }

  const convs: Array<{ x: [number, number, number, number]; f: [number, number, number, number]; stride: number; pad: 'same' | 'valid' }> = [
    { x: [2, 12, 12, 48], f: [3, 3, 48, 64], stride: 1, pad: 'same' },
    { x: [2, 13, 13, 1], f: [3, 3, 1, 32], stride: 1, pad: 'same' },
    { x: [2, 9, 9, 7], f: [5, 5, 7, 9], stride: 1, pad: 'same' },
  ];
  for (const c of convs) {
    it(`conv2d forward, input and filter gradients: ${c.x.join('x')} * ${c.f.join('x')}`, async () => {
      const [batch, h, w] = c.x;
      const [kH, kW, inC, outC] = c.f;
      await compare(
        (abs) => {
          const x = normal(c.x, 3, abs) as tf.Tensor4D;
          const f = normal(c.f, 4, abs) as tf.Tensor4D;
          const y = tf.conv2d(x, f, c.stride, c.pad);
          const weight = normal(y.shape, 5, abs);
          const [dx, df] = tf.grads((xx: tf.Tensor, ff: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, c.stride, c.pad), weight)))([x, f]);
          return [y, dx!, df!];
        },
        // 'same', stride 1: the output is h x w, so the filter gradient sums batch * h * w products.
        [kH * kW * inC, kH * kW * outC, batch * h * w],
        'conv2d',
      );
    });
  }
});
