import type { SetShape } from '../image-set.ts';
import { buildConvNet } from './conv-blocks.ts';

/** vgg-fer: 64-64 / 128-128 / 256-256 / 512-512 conv blocks, dense 512 (after Khaireddin & Chen 2021). Outputs logits. */
export const buildVggFer = (seed: number, shape?: SetShape) => buildConvNet({ blocks: [64, 128, 256, 512], dense: 512, convDropout: 0.25, denseDropout: 0.5 }, seed, shape);
