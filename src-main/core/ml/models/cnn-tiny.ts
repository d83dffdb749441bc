import type { SetShape } from '../image-set.ts';
import { buildConvNet } from './conv-blocks.ts';

/**
 * cnn-tiny: cnn-small at half the width (16-16 / 32-32 / 64-64, dense 128), ~22M MACs per image.
 * For label-noise scans on small CPUs, where cnn-small's 4-fold scan takes hours: less accurate, much faster.
 */
export const buildCnnTiny = (seed: number, shape?: SetShape) => buildConvNet({ blocks: [16, 32, 64], dense: 128, convDropout: 0.25, denseDropout: 0.5 }, seed, shape);
