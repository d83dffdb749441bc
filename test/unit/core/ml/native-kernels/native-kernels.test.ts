import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initEngine } from '../../../../../src-main/core/ml/engine.ts';
import { applyNativeEnv, loadNativeAddon, NATIVE_ISAS, type NativeAddon, type NativeIsa, type NativePrecisionSetting } from '../../../../../src-main/core/ml/native-kernels/addon.ts';
import { FerBatchNorm } from '../../../../../src-main/core/ml/layers/batch-norm.ts';
import { roundToBf16 } from '../../../../helpers/bf16.ts';
import { runOn } from '../../../../helpers/backends.ts';

/**
 * Each native kernel against the cpu backend (TF.js's reference kernels), on shapes that take every path
 * of native/kernels.inc: border and interior pixels, register-tile tails, channel counts that are not a
 * multiple of the vector width, strides, 'valid' padding, transposes, batch broadcasting. The addon's
 * calls are counted, so a case that silently fell back to wasm fails. Every instruction set this CPU runs
 * is tested (setIsa), so an AVX-512 machine also checks the AVX2 and generic kernels, each in fp32 and in
 * bf16 (setPrecision). bf16 runs on inputs rounded to bf16 beforehand, so the same tolerance holds and a
 * wrong pairing or packing of the bf16 words fails it; fp32 runs on unrounded inputs, which bf16 kernels
 * taken by mistake would miss by ~3e-3. bf16-bound.test.ts checks the bf16 error on unrounded inputs.
 */
const calls = new Map<string, number>();

function countCalls(addon: NativeAddon): void {
  for (const name of ['conv2d', 'conv2dFilterGrad', 'maxPoolGrad', 'matmul', 'batchNormTrain', 'batchNormGrad', 'reluGrad'] as const) {
    const original = addon[name] as (...a: unknown[]) => void;
    (addon as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return original.apply(addon, a);
    };
  }
}

// The cpu backend's results by case: computed once, compared with every instruction set.
const references = new Map<string, Promise<Float32Array[]>>();

/** Runs f on cpu (once per key) and on native; returns both results as flat arrays (f may return several tensors). */
async function onBoth(key: string, f: () => tf.Tensor | tf.Tensor[]): Promise<{ cpu: Float32Array[]; native: Float32Array[] }> {
  const inputs = `${bf16Inputs ? 'bf16' : 'fp32'} inputs: ${key}`;
  if (!references.has(inputs)) references.set(inputs, runOn('cpu', f));
  return { cpu: await references.get(inputs)!, native: await runOn('native', f) };
}

function expectClose(got: Float32Array[], want: Float32Array[], what: string): void {
  expect(got.length).toBe(want.length);
  want.forEach((w, k) => {
    const g = got[k]!;
    expect(g.length, `${what} [${k}] length`).toBe(w.length);
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < w.length; i++) {
      diff += (g[i]! - w[i]!) ** 2;
      norm += w[i]! ** 2;
    }
    expect(norm, `${what} [${k}] is all zeros`).toBeGreaterThan(0);
    expect(Math.sqrt(diff / norm), `${what} [${k}] relative error`).toBeLessThan(2e-5);
  });
}

// On while the bf16 kernels are tested: inputs are then rounded to bf16 beforehand, so the kernels' own
// rounding changes nothing and they must match fp32 on the cpu backend as closely as the fp32 kernels do.
let bf16Inputs = false;

/** Seeded inputs that are the same on both backends (created inside each run). */
function normal(shape: number[], seed: number): tf.Tensor {
  const t = tf.randomNormal(shape, 0, 1, 'float32', seed);
  return bf16Inputs ? tf.tensor(roundToBf16(t.dataSync() as Float32Array), shape) : t;
}

function called(name: string, f: () => Promise<void>): Promise<void> {
  const before = calls.get(name) ?? 0;
  return f().then(() => expect(calls.get(name) ?? 0, `the native ${name} ran`).toBeGreaterThan(before));
}

const native = process.env.FER_NATIVE === 'off' ? null : loadNativeAddon();
const cpuIsas = native?.addon?.info().isas ?? [];

describe.skipIf(!native)('native kernels match the cpu backend', () => {
  beforeAll(async () => {
    if (!native!.addon) throw new Error(`native addon missing: ${native!.problem}`);
    countCalls(native!.addon);
    await initEngine('native');
  });
  afterAll(() => {
    native!.addon?.setIsa(cpuIsas[0]!);
    native!.addon?.setPrecision('fp32');
    bf16Inputs = false;
    return void tf.setBackend('native');
  });

  for (const isa of NATIVE_ISAS)
    for (const precision of ['fp32', 'bf16'] as const)
      describe.skipIf(!cpuIsas.includes(isa))(`with ${isa}, ${precision} (skipped when this CPU lacks it)`, () => {
        beforeAll(() => {
          native!.addon!.setIsa(isa);
          native!.addon!.setPrecision(precision);
          bf16Inputs = precision === 'bf16';
        });
        afterAll(() => void (bf16Inputs = false));
        it('runs that instruction set and precision', () => expect(native!.addon!.info()).toMatchObject({ simd: isa, precision }));
        kernelCases();
      });

  it('FER_NATIVE_ISA and FER_NATIVE_PRECISION pick the kernels; a wrong one says why and changes nothing', () => {
    const addon = native!.addon!;
    const lowest = cpuIsas.at(-1)!;
    expect(applyNativeEnv(addon, { FER_NATIVE_ISA: lowest, FER_NATIVE_PRECISION: 'bf16' })).toBeNull();
    expect(addon.info()).toMatchObject({ simd: lowest, precision: 'bf16' });
    expect(applyNativeEnv(addon, { FER_NATIVE_ISA: 'sse9' })).toBe('FER_NATIVE_ISA=sse9 is not one of avx512bf16, avx512, avx2, generic');
    expect(applyNativeEnv(addon, { FER_NATIVE_PRECISION: 'fp16' })).toBe('FER_NATIVE_PRECISION=fp16 is not one of fp32, bf16, auto');
    // The real addon seen as a CPU without AVX-512 (this test's answer must not depend on the machine).
    const noAvx512: NativeAddon = Object.create(addon, { info: { value: () => ({ ...addon.info(), isas: ['avx2', 'generic'] }) } });
    expect(applyNativeEnv(noAvx512, { FER_NATIVE_ISA: 'avx512', FER_NATIVE_PRECISION: 'fp32' })).toBe('FER_NATIVE_ISA=avx512, but this CPU runs only avx2, generic');
    expect(() => addon.setIsa('sse9' as NativeIsa)).toThrow(/instruction set 'sse9' is unknown or this CPU lacks it \(it runs: .*generic\)/);
    expect(() => addon.setPrecision('fp16' as NativePrecisionSetting)).toThrow("precision 'fp16' is not one of fp32, bf16, auto");
    expect(applyNativeEnv(addon, {})).toBeNull();
    expect(addon.info()).toMatchObject({ simd: lowest, precision: 'bf16' });
    // The override back to fp32 takes the fp32 kernels again (the fp32 cases above also fail on bf16 results).
    expect(applyNativeEnv(addon, { FER_NATIVE_PRECISION: 'fp32' })).toBeNull();
    expect(addon.info().precision).toBe('fp32');
  });

  it("precision 'auto' is bf16 only with AVX512_BF16 instructions", () => {
    const addon = native!.addon!;
    addon.setPrecision('auto');
    for (const isa of cpuIsas) {
      addon.setIsa(isa);
      expect(addon.info().precision, isa).toBe(isa === 'avx512bf16' ? 'bf16' : 'fp32');
    }
    addon.setPrecision('fp32');
  });

  it('Identity shares memory: a clone outlives its disposed source', async () => {
    await tf.setBackend('native');
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.clone(a);
    a.dispose();
    expect(Array.from(await b.data())).toEqual([1, 2, 3]);
    b.dispose();
  });

  it('the addon refuses buffers that do not match the geometry', () => {
    const { addon } = loadNativeAddon();
    const geometry = Int32Array.from([1, 4, 4, 2, 4, 4, 3, 3, 3, 1, 1, 1, 1]);
    expect(() => addon!.conv2d(new Float32Array(32), new Float32Array(54), null, new Float32Array(47), geometry, 0)).toThrow(/y has 47 floats, the shape needs 48/);
    expect(() => addon!.conv2d(new Float32Array(32), new Float32Array(54), null, new Float32Array(48), Int32Array.from([1, 2]), 0)).toThrow(/geometry/);
    expect(() => addon!.matmul(new Float32Array(6), new Float32Array(6), new Float32Array(4), Int32Array.from([1, 1, 2, 3, 2, 0, 0]))).not.toThrow();
    expect(() => addon!.matmul(new Float32Array(6), new Float32Array(5), new Float32Array(4), Int32Array.from([1, 1, 2, 3, 2, 0, 0]))).toThrow(/b has 5 floats/);
  });
});

/** The kernel comparisons, run once per instruction set. */
function kernelCases(): void {
  const convCases: Array<{ x: [number, number, number, number]; f: [number, number, number, number]; stride: number; pad: 'same' | 'valid' }> = [
    { x: [2, 9, 9, 3], f: [3, 3, 3, 5], stride: 1, pad: 'same' },
    { x: [2, 13, 13, 1], f: [3, 3, 1, 32], stride: 1, pad: 'same' },
    { x: [3, 11, 10, 32], f: [3, 3, 32, 64], stride: 2, pad: 'valid' },
    { x: [2, 7, 7, 20], f: [5, 5, 20, 7], stride: 1, pad: 'same' },
    { x: [1, 6, 6, 16], f: [1, 1, 16, 40], stride: 1, pad: 'valid' },
    { x: [2, 12, 12, 48], f: [3, 3, 48, 128], stride: 1, pad: 'same' },
  ];

  for (const c of convCases) {
    const name = `${c.x.join('x')} * ${c.f.join('x')} stride ${c.stride} ${c.pad}`;
    it(`conv2d and fused conv2d (bias, relu): ${name}`, async () => {
      await called('conv2d', async () => {
        const r = await onBoth(`conv ${name}`, () => {
          const x = normal(c.x, 1) as tf.Tensor4D;
          const f = normal(c.f, 2) as tf.Tensor4D;
          const bias = normal([c.f[3]], 3) as tf.Tensor1D;
          return [tf.conv2d(x, f, c.stride, c.pad), tf.fused.conv2d({ x, filter: f, strides: c.stride, pad: c.pad, bias, activation: 'relu' })];
        });
        expectClose(r.native, r.cpu, name);
      });
    });

    it(`conv2d gradients (input and filter): ${name}`, async () => {
      await called('conv2dFilterGrad', async () => {
        const r = await onBoth(`conv grads ${name}`, () => {
          const x = normal(c.x, 4) as tf.Tensor4D;
          const f = normal(c.f, 5) as tf.Tensor4D;
          const outShape = tf.conv2d(x, f, c.stride, c.pad).shape;
          const weight = normal(outShape, 6);
          const [dx, df] = tf.grads((xx: tf.Tensor, ff: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, c.stride, c.pad), weight)))([x, f]);
          return [dx!, df!];
        });
        expectClose(r.native, r.cpu, name);
      });
    });
  }

  it('stride-1 input gradients run natively', async () => {
    const before = calls.get('conv2d') ?? 0;
    await tf.setBackend('native');
    tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.conv2d(x as tf.Tensor4D, normal([3, 3, 4, 6], 8) as tf.Tensor4D, 1, 'same')))(normal([1, 5, 5, 4], 7)));
    expect(calls.get('conv2d')! - before).toBe(2); // forward + input gradient
  });

  const matmuls: Array<[number, number, number, boolean, boolean, number, number]> = [
    // m, k, n, transposeA, transposeB, batchA, batchB
    [64, 300, 256, false, false, 1, 1],
    [64, 256, 600, false, true, 1, 1], // the transposed-product path (C^T = B A^T)
    [600, 64, 256, true, false, 1, 1],
    [5, 3, 7, false, false, 1, 1],
    [13, 17, 33, true, true, 1, 1],
    [6, 10, 9, false, false, 3, 3],
    [6, 10, 9, false, true, 3, 1],
    [6, 10, 9, true, false, 1, 4],
  ];
  for (const [m, k, n, ta, tb, ba, bb] of matmuls) {
    it(`matMul ${m}x${k}x${n} transposeA ${ta} transposeB ${tb} batches ${ba}/${bb}`, async () => {
      await called('matmul', async () => {
        const r = await onBoth(`matMul ${m} ${k} ${n} ${ta} ${tb} ${ba} ${bb}`, () => {
          const a = normal([ba, ...(ta ? [k, m] : [m, k])], 9) as tf.Tensor3D;
          const b = normal([bb, ...(tb ? [n, k] : [k, n])], 10) as tf.Tensor3D;
          return tf.matMul(a, b, ta, tb);
        });
        expectClose(r.native, r.cpu, 'matMul');
      });
    });
  }

  it('fused matMul with bias and relu (dense layers)', async () => {
    await called('matmul', async () => {
      const r = await onBoth('fused matMul', () => tf.fused.matMul({ a: normal([9, 20], 11) as tf.Tensor2D, b: normal([20, 40], 12) as tf.Tensor2D, bias: normal([40], 13), activation: 'relu' }));
      expectClose(r.native, r.cpu, 'fused matMul');
    });
  });

  it('max-pool gradient on raw input (negative windows, odd sizes)', async () => {
    await called('maxPoolGrad', async () => {
      const r = await onBoth('maxPoolGrad', () => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(x as tf.Tensor4D, 2, 2, 'same'), normal([2, 5, 4, 3], 15))))(normal([2, 9, 7, 3], 14)));
      expectClose(r.native, r.cpu, 'maxPoolGrad');
    });
  });

  it('FerBatchNorm training forward, moving statistics and gradients', async () => {
    await called('batchNormGrad', async () => {
      const r = await onBoth('batch-norm', () => {
        const layer = new FerBatchNorm({ momentum: 0.9 });
        const x = tf.add(tf.mul(normal([4, 6, 6, 24], 16), 3), 1);
        layer.build(x.shape);
        const weight = normal(x.shape, 17);
        const f = (xx: tf.Tensor) => tf.sum(tf.mul(layer.apply(xx, { training: true }) as tf.Tensor, weight));
        const y = layer.apply(x, { training: true }) as tf.Tensor;
        const { grads } = tf.variableGrads(() => f(x) as tf.Scalar, layer.trainableWeights.map((w) => w.read() as tf.Variable));
        const dx = tf.grad(f)(x);
        const [gamma, beta, mean, variance] = layer.getWeights();
        return [y, dx, ...Object.values(grads), mean!, variance!, gamma!, beta!];
      });
      expectClose(r.native.slice(0, 6), r.cpu.slice(0, 6), 'batch-norm');
    });
  });

  it('ReLU gradient', async () => {
    await called('reluGrad', async () => {
      const r = await onBoth('relu gradient', () => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.relu(x), normal([3, 5, 7], 19))))(normal([3, 5, 7], 18)));
      expectClose(r.native, r.cpu, 'relu gradient');
    });
  });

}
