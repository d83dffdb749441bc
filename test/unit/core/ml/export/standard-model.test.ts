import { describe, expect, it } from 'vitest';
import type { NamedWeight } from '../../../../../src-main/core/ml/export/named-weights.ts';
import { readWeights, writeWeights } from '../../../../../src-main/core/ml/export/named-weights.ts';
import { toStandardModel, type LayerJson } from '../../../../../src-main/core/ml/export/standard-model.ts';

const w = (name: string, values: number[], shape = [values.length]): NamedWeight => ({ name, shape, values: Float32Array.from(values) });
const weightMap = (list: NamedWeight[]) => new Map(list.map((x) => [x.name, x]));
const seq = (layers: LayerJson[]) => ({ class_name: 'Sequential', config: { name: 's', layers } });
const bnWeights = (name: string) => [w(`${name}/gamma`, [2]), w(`${name}/beta`, [1]), w(`${name}/moving_mean`, [3]), w(`${name}/moving_variance`, [4 - 1e-3])];

describe('toStandardModel', () => {
  it('folds a FerBatchNorm into the Conv2D before it, drops FerDropout, ends in softmax', () => {
    const layers: LayerJson[] = [
      { class_name: 'Conv2D', config: { name: 'c', use_bias: false, activation: 'linear' } },
      { class_name: 'FerBatchNorm', config: { name: 'bn', epsilon: 1e-3 } },
      { class_name: 'FerDropout', config: { name: 'd', rate: 0.5 } },
      { class_name: 'Dense', config: { name: 'out', activation: 'linear' } },
    ];
    const r = toStandardModel(seq(layers), weightMap([w('c/kernel', [1, 2], [1, 1, 2, 1]), ...bnWeights('bn'), w('out/kernel', [5]), w('out/bias', [0])]));
    expect(r.topology.config.layers.map((l) => l.class_name)).toEqual(['Conv2D', 'Dense']);
    expect(r.topology.config.layers[0]!.config['use_bias']).toBe(true);
    expect(r.topology.config.layers[1]!.config['activation']).toBe('softmax');
    // scale = 2 / sqrt(4) = 1: kernel unchanged, bias (0 - 3) * 1 + 1 = -2.
    expect(r.weights.map((x) => x.name)).toEqual(['c/kernel', 'c/bias', 'out/kernel', 'out/bias']);
    expect(Array.from(r.weights[0]!.values)).toEqual([1, 2]);
    expect(Array.from(r.weights[1]!.values)).toEqual([-2]);
    expect(layers[0]!.config['use_bias']).toBe(false); // the source topology is left as it was
  });

  it('a FerBatchNorm after something else than a linear conv becomes a standard BatchNormalization; a softmax layer is added after a non-linear end', () => {
    const r = toStandardModel(
      seq([
        { class_name: 'Dense', config: { name: 'd', activation: 'relu' } },
        { class_name: 'FerBatchNorm', config: { name: 'bn', epsilon: 1e-3, momentum: 0.9 } },
      ]),
      weightMap([w('d/kernel', [1]), w('d/bias', [0]), ...bnWeights('bn')]),
    );
    expect(r.topology.config.layers.map((l) => l.class_name)).toEqual(['Dense', 'BatchNormalization', 'Activation']);
    expect(r.topology.config.layers[1]!.config).toMatchObject({ axis: -1, epsilon: 1e-3, momentum: 0.9 });
    expect(r.topology.config.layers[2]!.config['activation']).toBe('softmax');
    expect(r.weights.map((x) => x.name)).toEqual(['d/kernel', 'd/bias', 'bn/gamma', 'bn/beta', 'bn/moving_mean', 'bn/moving_variance']);
  });

  it('refuses a custom layer it has no standard equivalent for, naming it', () => {
    expect(() => toStandardModel(seq([{ class_name: 'MyMagic', config: { name: 'm1' } }]), new Map())).toThrow('layer m1 is a MyMagic, which has no standard TF.js equivalent');
  });

  it('refuses a missing weight by name', () => {
    expect(() => toStandardModel(seq([{ class_name: 'Conv2D', config: { name: 'c', use_bias: false } }, { class_name: 'FerBatchNorm', config: { name: 'bn' } }]), weightMap([w('c/kernel', [1])]))).toThrow('weight bn/gamma is missing');
  });
});

describe('named weights', () => {
  it('read back what was written, from an unaligned view of a larger buffer', () => {
    const list = [w('a', [1, 2, 3]), w('b', [4.5], [1, 1])];
    const { specs, bin } = writeWeights(list);
    const pool = Buffer.alloc(bin.length + 3);
    bin.copy(pool, 1);
    const back = readWeights(specs, pool.subarray(1, 1 + bin.length));
    expect([...back.values()].map((x) => [x.name, x.shape, Array.from(x.values)])).toEqual([['a', [3], [1, 2, 3]], ['b', [1, 1], [4.5]]]);
    expect(back.get('a')!.values.buffer.byteLength).toBe(12); // its own buffer, not the pool
  });

  it('refuses a weights file that does not match its manifest', () => {
    const { specs, bin } = writeWeights([w('a', [1, 2])]);
    expect(() => readWeights(specs, bin.subarray(0, 4))).toThrow('shorter than its manifest');
    expect(() => readWeights(specs, Buffer.concat([bin, Buffer.alloc(4)]))).toThrow('4 bytes more');
    expect(() => readWeights([{ name: 'h', shape: [1], dtype: 'float16' }], bin)).toThrow('only float32');
  });
});
