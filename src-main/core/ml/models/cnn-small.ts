import type { SetShape } from '../image-set.ts';
import { buildConvNet } from './conv-blocks.ts';

/** cnn-small: 32-32 / 64-64 / 128-128 conv blocks, dense 256; ~86M MACs per 48x48 image. Outputs logits. */
export const buildCnnSmall = (seed: number, shape?: SetShape) => buildConvNet({ blocks: [32, 64, 128], dense: 256, convDropout: 0.25, denseDropout: 0.5 }, seed, shape);
