/**
 * Seeded synthetic label noise for benchmarks, as in the confident-learning paper: a clean dataset gets a known
 * set of wrong labels, so a scan's findings can be scored against the truth. Counts are exact (round(rate * n)),
 * not per-sample coin flips, so two runs at one rate always hold the same amount of noise.
 */
import { StudioError } from '../../api/contract.ts';
import { Random } from '../random.ts';
import { IDX_FAMILIES } from '../../datasets/idx-families.ts';

export const FASHION_MNIST_CLASSES = IDX_FAMILIES['fashion-mnist'].classes;

/** Two classes a labeller may confuse: class-conditional noise moves labels between them, both ways. */
export type ClassPair = readonly [number, number];

/**
 * Fashion-MNIST's look-alike classes. T-shirt/Shirt and Pullover/Coat are the confusions models make most;
 * Sneaker/Ankle boot is added so asymmetric noise touches 6 of the 10 classes, not 4: with only two pairs,
 * a method could score well by just doubting the four upper-body classes.
 */
export const FASHION_MNIST_PAIRS: readonly ClassPair[] = [[0, 6], [2, 4], [7, 9]];

export interface NoiseSpec {
  kind: 'symmetric' | 'class-conditional';
  rate: number; // 0..1: the share of samples (symmetric) or of each paired class (class-conditional) flipped
}

export interface InjectedNoise {
  noisy: Int32Array;   // the labels after injection
  flipped: Int32Array; // indices whose label changed, ascending
}

/** The names the CLI takes. */
export const NOISE_SPECS = {
  sym20: { kind: 'symmetric', rate: 0.2 },
  asym20: { kind: 'class-conditional', rate: 0.2 },
  asym40: { kind: 'class-conditional', rate: 0.4 },
} as const satisfies Record<string, NoiseSpec>;
export type NoiseName = keyof typeof NOISE_SPECS;

const isNoiseName = (name: string): name is NoiseName => Object.hasOwn(NOISE_SPECS, name);

export function parseNoiseSpec(name: string): NoiseSpec {
  if (!isNoiseName(name)) throw new StudioError('bad-input', `Unknown noise '${name}': expected one of ${Object.keys(NOISE_SPECS).join(', ')}.`);
  return { ...NOISE_SPECS[name] };
}

function checkInput(labels: ArrayLike<number>, numClasses: number, rate: number): void {
  if (!Number.isInteger(numClasses) || numClasses < 2) throw new StudioError('bad-input', `Noise needs at least 2 classes, got ${numClasses}.`);
  if (!(rate >= 0 && rate <= 1)) throw new StudioError('bad-input', `Noise rate must be between 0 and 1, got ${rate}.`);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= numClasses) throw new StudioError('bad-input', `Label ${label} at index ${i} is not a class 0..${numClasses - 1}.`);
  }
}

function result(noisy: Int32Array, labels: ArrayLike<number>): InjectedNoise {
  const flipped: number[] = [];
  for (let i = 0; i < noisy.length; i++) if (noisy[i] !== labels[i]) flipped.push(i);
  return { noisy, flipped: Int32Array.from(flipped) };
}

/** Flips exactly round(rate * n) samples, chosen at random, each to a uniformly random other class. */
export function symmetric(labels: ArrayLike<number>, numClasses: number, rate: number, random: Random): InjectedNoise {
  checkInput(labels, numClasses, rate);
  const noisy = Int32Array.from(labels);
  const order = random.permutation(labels.length);
  const flips = Math.round(rate * labels.length);
  for (let i = 0; i < flips; i++) {
    const sample = order[i]!;
    noisy[sample] = (noisy[sample]! + 1 + random.int(numClasses - 1)) % numClasses; // a shift of 1..k-1: never the same class
  }
  return result(noisy, labels);
}

/**
 * For each pair (a, b): exactly round(rate * count of a) samples of a become b, and round(rate * count of b) of b
 * become a. Samples are chosen among the ORIGINAL members, so a label moved a->b is never moved back.
 */
export function classConditional(labels: ArrayLike<number>, numClasses: number, rate: number, pairs: readonly ClassPair[], random: Random): InjectedNoise {
  checkInput(labels, numClasses, rate);
  const seen = new Set<number>();
  for (const [a, b] of pairs) {
    for (const c of [a, b]) {
      if (!Number.isInteger(c) || c < 0 || c >= numClasses) throw new StudioError('bad-input', `Noise pair [${a}, ${b}] names class ${c}, not one of 0..${numClasses - 1}.`);
      // a class in two pairs would have two flip counts and could lose twice the rate
      if (seen.has(c)) throw new StudioError('bad-input', `Noise pairs name class ${c} twice: each class may be in one pair.`);
      seen.add(c);
    }
  }
  const noisy = Int32Array.from(labels);
  for (const [a, b] of pairs) {
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const members: number[] = [];
      for (let i = 0; i < labels.length; i++) if (labels[i] === from) members.push(i);
      const order = random.permutation(members.length);
      const flips = Math.round(rate * members.length);
      for (let i = 0; i < flips; i++) noisy[members[order[i]!]!] = to;
    }
  }
  return result(noisy, labels);
}

/** One entry point for a named or explicit spec; `pairs` matter only to class-conditional noise. */
export function injectNoise(labels: ArrayLike<number>, numClasses: number, spec: NoiseName | NoiseSpec, seed: number, pairs: readonly ClassPair[] = FASHION_MNIST_PAIRS): InjectedNoise {
  const { kind, rate } = typeof spec === 'string' ? parseNoiseSpec(spec) : spec;
  const random = new Random(seed);
  return kind === 'symmetric' ? symmetric(labels, numClasses, rate, random) : classConditional(labels, numClasses, rate, pairs, random);
}
