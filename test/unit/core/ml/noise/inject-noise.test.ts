import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../../../src-main/core/api/contract.ts';
import {
  FASHION_MNIST_CLASSES, FASHION_MNIST_PAIRS, classConditional, injectNoise, parseNoiseSpec, symmetric,
} from '../../../../../src-main/core/ml/noise/inject-noise.ts';
import { Random } from '../../../../../src-main/core/ml/random.ts';

/** `perClass` samples of each of `numClasses` classes, interleaved (0,1,..,k-1,0,1,..). */
const balanced = (numClasses: number, perClass: number) => Array.from({ length: numClasses * perClass }, (_, i) => i % numClasses);

/** [from, to] -> how many labels moved that way. */
function moves(clean: readonly number[], noisy: Int32Array): Map<string, number> {
  const m = new Map<string, number>();
  clean.forEach((c, i) => {
    if (noisy[i] !== c) m.set(`${c}->${noisy[i]}`, (m.get(`${c}->${noisy[i]}`) ?? 0) + 1);
  });
  return m;
}

describe('symmetric', () => {
  it('flips exactly round(rate * n) samples, never to the same class, and reports them in order', () => {
    const labels = balanced(3, 9); // n = 27: 0.2 * 27 = 5.4 -> 5
    const r = symmetric(labels, 3, 0.2, new Random(1));
    expect(r.flipped.length).toBe(5);
    expect([...r.flipped]).toEqual([...r.flipped].sort((a, b) => a - b));
    for (const i of r.flipped) expect(r.noisy[i]).not.toBe(labels[i]);
    labels.forEach((c, i) => { if (!r.flipped.includes(i)) expect(r.noisy[i]).toBe(c); });
    expect(symmetric(labels, 3, 0.3, new Random(1)).flipped.length).toBe(8); // 8.1 -> 8
    expect(symmetric(labels, 3, 1, new Random(1)).flipped.length).toBe(27);
    expect(symmetric(labels, 3, 0, new Random(1)).flipped.length).toBe(0);
  });

  it('with two classes every flip goes to the other one; with many, flips reach every other class', () => {
    const two = symmetric([0, 0, 0, 0, 1, 1, 1, 1, 1, 1], 2, 0.5, new Random(3));
    expect(two.flipped.length).toBe(5);
    const clean = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    for (const i of two.flipped) expect(two.noisy[i]).toBe(1 - clean[i]!);
    const many = symmetric(new Array(2000).fill(0), 5, 1, new Random(4));
    expect(new Set(many.noisy)).toEqual(new Set([1, 2, 3, 4]));
  });
});

describe('classConditional', () => {
  it('moves exactly round(rate * count) of each paired class to its partner, both ways, nothing else', () => {
    // class 0: 10, class 1: 5, class 2: 20, class 3: 7
    const labels = [...new Array(10).fill(0), ...new Array(5).fill(1), ...new Array(20).fill(2), ...new Array(7).fill(3)];
    const r = classConditional(labels, 4, 0.3, [[0, 2], [1, 3]], new Random(7));
    expect(Object.fromEntries(moves(labels, r.noisy))).toEqual({ '0->2': 3, '2->0': 6, '1->3': 2, '3->1': 2 }); // 1.5 -> 2, 2.1 -> 2
    expect(r.flipped.length).toBe(13);
  });

  it('leaves unpaired classes alone and counts from the original labels (no move back)', () => {
    const labels = balanced(4, 10);
    const r = classConditional(labels, 4, 1, [[1, 2]], new Random(2));
    expect(Object.fromEntries(moves(labels, r.noisy))).toEqual({ '1->2': 10, '2->1': 10 });
  });

  it('refuses pairs that name a class twice or one out of range', () => {
    const labels = balanced(4, 2);
    expect(() => classConditional(labels, 4, 0.2, [[0, 1], [1, 2]], new Random(1))).toThrow('Noise pairs name class 1 twice');
    expect(() => classConditional(labels, 4, 0.2, [[0, 0]], new Random(1))).toThrow('Noise pairs name class 0 twice');
    expect(() => classConditional(labels, 4, 0.2, [[0, 4]], new Random(1))).toThrow('Noise pair [0, 4] names class 4, not one of 0..3');
  });
});

describe('injectNoise', () => {
  const fashion = balanced(10, 100); // 100 per class

  it('asym20 and asym40 on Fashion-MNIST move labels only within its three pairs, both ways, 20 or 40 per class', () => {
    expect(FASHION_MNIST_CLASSES[0]).toBe('T-shirt/top');
    expect(FASHION_MNIST_PAIRS.map(([a, b]) => `${FASHION_MNIST_CLASSES[a]}<->${FASHION_MNIST_CLASSES[b]}`))
      .toEqual(['T-shirt/top<->Shirt', 'Pullover<->Coat', 'Sneaker<->Ankle boot']);
    for (const [name, n] of [['asym20', 20], ['asym40', 40]] as const) {
      const r = injectNoise(fashion, 10, name, 5);
      expect(Object.fromEntries(moves(fashion, r.noisy))).toEqual({ '0->6': n, '6->0': n, '2->4': n, '4->2': n, '7->9': n, '9->7': n });
    }
  });

  it('sym20 flips 200 of 1000, and an explicit spec works the same as its name', () => {
    const r = injectNoise(fashion, 10, 'sym20', 5);
    expect(r.flipped.length).toBe(200);
    expect(injectNoise(fashion, 10, { kind: 'symmetric', rate: 0.2 }, 5)).toEqual(r);
  });

  it('the same seed gives the same noise; another seed, other noise', () => {
    for (const name of ['sym20', 'asym20'] as const) {
      const a = injectNoise(fashion, 10, name, 11);
      expect(injectNoise(fashion, 10, name, 11)).toEqual(a);
      expect([...injectNoise(fashion, 10, name, 12).flipped]).not.toEqual([...a.flipped]);
    }
  });

  it('rejects labels outside the classes, too few classes, a rate outside 0..1', () => {
    expect(() => injectNoise([0, 1, 10], 10, 'sym20', 1)).toThrow('Label 10 at index 2 is not a class 0..9.');
    expect(() => injectNoise([0, 1.5], 10, 'sym20', 1)).toThrow('Label 1.5 at index 1');
    expect(() => injectNoise([0, 0], 1, 'sym20', 1)).toThrow('at least 2 classes');
    expect(() => injectNoise([0, 1], 2, { kind: 'symmetric', rate: 1.2 }, 1)).toThrow('between 0 and 1, got 1.2');
    // Fashion-MNIST's pairs on a 7-class dataset (FER2013) fail loudly rather than flip the wrong classes
    expect(() => injectNoise([0, 1], 7, 'asym20', 1)).toThrow('Noise pair [7, 9] names class 7');
  });
});

describe('parseNoiseSpec', () => {
  it('maps the CLI names to specs', () => {
    expect(parseNoiseSpec('sym20')).toEqual({ kind: 'symmetric', rate: 0.2 });
    expect(parseNoiseSpec('asym20')).toEqual({ kind: 'class-conditional', rate: 0.2 });
    expect(parseNoiseSpec('asym40')).toEqual({ kind: 'class-conditional', rate: 0.4 });
  });

  it('rejects anything else as bad input, listing the valid names', () => {
    for (const bad of ['sym30', 'SYM20', '', 'toString', 'constructor']) {
      expect(() => parseNoiseSpec(bad)).toThrow(`Unknown noise '${bad}': expected one of sym20, asym20, asym40.`);
    }
    try {
      parseNoiseSpec('x');
    } catch (e) {
      expect(e).toBeInstanceOf(StudioError);
      expect((e as StudioError).code).toBe('bad-input');
    }
    expect.assertions(7);
  });
});
