import { describe, expect, it } from 'vitest';
import { loadNativeAddon } from '../../../../../src-main/core/ml/native-kernels/addon.ts';

const { addon, problem } = loadNativeAddon();
const big = 65_536; // 2^16: four of them multiply to 2^64, which wraps a 64-bit count round to 0

/**
 * The addon computes each buffer's element count from the shape it is given. Those counts are checked in
 * 64 bits: absurd dimensions throw a clear error instead of wrapping round to a small count that a small
 * buffer matches (the kernel would then run over the whole absurd shape, far outside the buffer).
 */
describe.skipIf(!addon)(`native addon shape arithmetic${problem ? ` (${problem})` : ''}`, () => {
  // geometry: [batch, inH, inW, inC, outH, outW, outC, kH, kW, strideH, strideW, padTop, padLeft]
  const absurd = Int32Array.from([big, big, big, big, 1, 1, 1, 1, 1, 1, 1, 0, 0]);

  it('conv2d, its filter gradient and the max-pool gradient refuse a shape whose element count overflows', () => {
    // x: 2^64 elements (0 after wrapping), filter 1x1x2^16x1, y 2^16x1x1x1: the other buffers match their shapes.
    const x = new Float32Array(0);
    const filter = new Float32Array(big);
    const y = new Float32Array(big);
    const overflow = new RegExp(`x shape ${big}x${big}x${big}x${big} has more than 2147483647 elements`);
    expect(() => addon!.conv2d(x, filter, null, y, absurd, 0)).toThrow(overflow);
    expect(() => addon!.conv2dFilterGrad(x, y, filter, absurd)).toThrow(overflow);
    expect(() => addon!.maxPoolGrad(x, y, new Float32Array(0), absurd)).toThrow(overflow);
  });

  it('refuses window arithmetic past 32 bits (strides, padding) and huge matmul dims with a clear error', () => {
    const max = 2 ** 31 - 1;
    const strided = Int32Array.from([1, 1, 1, 1, 3, 1, 1, 1, 1, max, 1, 0, 0]);
    expect(() => addon!.conv2d(new Float32Array(1), new Float32Array(1), null, new Float32Array(3), strided, 0)).toThrow(/geometry .* past 2147483647/);
    const padded = Int32Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, max, 0]);
    expect(() => addon!.conv2d(new Float32Array(1), new Float32Array(1), null, new Float32Array(1), padded, 0)).toThrow(/geometry .* past 2147483647/);
    expect(() => addon!.matmul(new Float32Array(1), new Float32Array(1), new Float32Array(1), Int32Array.from([1, 1, big, big, 1, 0, 0]))).toThrow(
      new RegExp(`a shape 1x${big}x${big} has more than 2147483647 elements`),
    );
    // the error is a JavaScript Error with the addon's code, and the addon still works after it
    let thrown: unknown = null;
    try {
      addon!.conv2d(new Float32Array(0), new Float32Array(big), null, new Float32Array(big), absurd, 0);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as { code?: string }).code).toBe('FER_NATIVE');
    const c = new Float32Array(1);
    addon!.matmul(Float32Array.from([2]), Float32Array.from([3]), c, Int32Array.from([1, 1, 1, 1, 1, 0, 0]));
    expect(c[0]).toBe(6);
  });
});
