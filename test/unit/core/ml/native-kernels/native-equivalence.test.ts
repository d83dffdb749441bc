import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { expectSameGradients, modelGradients } from '../../../../helpers/model-gradients.ts';

// FER_NATIVE=off (no compiler on the machine) is the only way to leave the native engine untested.
describe.skipIf(process.env.FER_NATIVE === 'off')('the native engine runs the same model code to the same results', () => {
  it('every weight gradient on native matches the cpu backend, through the native kernels', async () => {
    const cpu = await modelGradients('cpu');
    const got = await modelGradients('native');
    expect(tf.getBackend()).toBe('native');
    expectSameGradients(got, cpu);
  }, 120_000);
});
