import { describe, it } from 'vitest';
import { expectSameGradients, modelGradients } from '../../../helpers/model-gradients.ts';

// The native engine's twin of this test is native-kernels/native-equivalence.test.ts: wasm and native
// cannot both start in one process (engine.ts).
describe('engines run the same model code to the same results', () => {
  it('every weight gradient on wasm matches the cpu backend', async () => {
    const cpu = await modelGradients('cpu');
    expectSameGradients(await modelGradients('wasm'), cpu);
  }, 120_000);

  it('with RGB input (3 input channels), every weight gradient on wasm matches the cpu backend', async () => {
    const cpu = await modelGradients('cpu', { channels: 3 });
    expectSameGradients(await modelGradients('wasm', { channels: 3 }), cpu);
  }, 120_000);
});
