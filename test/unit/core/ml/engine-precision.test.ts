import { afterEach, describe, expect, it } from 'vitest';
import { initEngine } from '../../../../src-main/core/ml/engine.ts';
import { loadNativeAddon } from '../../../../src-main/core/ml/native-kernels/addon.ts';

describe.skipIf(process.env.FER_NATIVE === 'off')("a run's precision setting reaches the native kernels, and its engine report says what runs", () => {
  const addon = () => loadNativeAddon().addon!;
  const envBefore = process.env.FER_NATIVE_PRECISION;
  afterEach(() => {
    if (envBefore === undefined) delete process.env.FER_NATIVE_PRECISION;
    else process.env.FER_NATIVE_PRECISION = envBefore;
  });

  it('fp32 by default and when asked, whatever ran before; auto is bf16 only with AVX512_BF16', async () => {
    delete process.env.FER_NATIVE_PRECISION;
    expect((await initEngine('native')).precision).toBe('fp32');
    addon().setPrecision('bf16'); // as a previous run in this process might have left it
    expect((await initEngine('native', 'fp32')).precision).toBe('fp32');
    expect(addon().info().precision).toBe('fp32');
    const report = await initEngine('native', 'auto');
    expect(report.precision).toBe(addon().info().simd === 'avx512bf16' ? 'bf16' : 'fp32');
    expect(report.precision).toBe(addon().info().precision);
  });

  it('$FER_NATIVE_PRECISION (tests and measurement) wins over the setting, and the report says so', async () => {
    process.env.FER_NATIVE_PRECISION = 'bf16';
    addon().setPrecision('bf16'); // what loading the addon with that variable did
    expect((await initEngine('native', 'fp32')).precision).toBe('bf16');
    addon().setPrecision('fp32');
  });
});
