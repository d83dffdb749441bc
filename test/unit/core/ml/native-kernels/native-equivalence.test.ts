import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadNativeAddon } from '../../../../../src-main/core/ml/native-kernels/addon.ts';
import { expectSameGradients, gradientErrors, modelGradients } from '../../../../helpers/model-gradients.ts';

// FER_NATIVE=off (no compiler on the machine) is the only way to leave the native engine untested.
describe.skipIf(process.env.FER_NATIVE === 'off')('the native engine runs the same model code to the same results', () => {
  it('every weight gradient on native matches the cpu backend, through the native kernels', async () => {
    const cpu = await modelGradients('cpu');
    const got = await modelGradients('native');
    expect(tf.getBackend()).toBe('native');
    expectSameGradients(got, cpu);
  }, 120_000);

  it('with RGB input (a first convolution of 3 input channels), every weight gradient matches the cpu backend', async () => {
    const cpu = await modelGradients('cpu', { channels: 3 });
    const got = await modelGradients('native', { channels: 3 });
    expect(tf.getBackend()).toBe('native');
    expectSameGradients(got, cpu);
  }, 120_000);

  // A bf16 engine cannot match fp32 gradients to 1e-4: rounding only the weights and the input batch to bf16
  // (an fp32 engine) already moves the lower layers' gradients by 10-33% here (measured), because max-pool
  // routes each gradient to its window's maximum and near-ties flip, and batch-norm's backward cancels. So
  // each gradient's error is held to that baseline: at most 3x it (the engine also rounds activations and
  // output gradients, forward and backward) plus 5e-3. A wrong packing or dispatch gives errors near 1; the
  // kernels' exact checks are in native-kernels.test.ts and bf16-bound.test.ts.
  it('in bf16, every weight gradient is as close to the cpu backend as bf16-rounded weights leave it', async () => {
    const cpu = await modelGradients('cpu');
    const baseline = gradientErrors(await modelGradients('native', { bf16Weights: true }), cpu);
    const got = await modelGradients('native', { nativePrecision: 'bf16' });
    expect(loadNativeAddon().addon!.info().precision).toBe('bf16');
    expect(Math.abs(got.loss - cpu.loss) / cpu.loss, 'loss').toBeLessThan(2 ** -8);
    const errors = gradientErrors(got, cpu);
    errors.forEach(({ name, error }, k) => expect(error, `relative error of d loss / d ${name}`).toBeLessThan(3 * baseline[k]!.error + 5e-3));
    expect(Math.max(...errors.map((e) => e.error)), 'bf16 rounding happened').toBeGreaterThan(1e-3);
  }, 180_000);
});
