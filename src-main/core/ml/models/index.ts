import type { Sequential } from '@tensorflow/tfjs-layers';
import type { TrainConfig } from '../../api/train-api.ts';
import type { SetShape } from '../image-set.ts';
import { buildCnnSmall } from './cnn-small.ts';
import { buildCnnTiny } from './cnn-tiny.ts';
import { buildVggFer } from './vgg-fer.ts';

export type ModelName = TrainConfig['model'];

const BUILDERS: Record<ModelName, (seed: number, shape?: SetShape) => Sequential> = { 'cnn-small': buildCnnSmall, 'vgg-fer': buildVggFer, 'cnn-tiny': buildCnnTiny };

/** A fresh model (logits out) with seeded initial weights, for images and classes of `shape` (FER2013's by default). */
export function buildModel(name: ModelName, seed: number, shape?: SetShape): Sequential {
  const build = BUILDERS[name];
  if (!build) throw new Error(`Unknown model '${name}'. Known: ${Object.keys(BUILDERS).join(', ')}.`);
  return build(seed, shape);
}
