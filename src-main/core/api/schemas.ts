import { z } from 'zod';
import { NUM_CLASSES, SPLITS } from '../../../src-common/classes.ts';

/** Small schemas shared by several API areas. */
export const sampleId = z.number().int().nonnegative();
export const classId = z.number().int().min(0).max(NUM_CLASSES - 1);
export const split = z.enum(SPLITS);
export const filePath = z.string().min(1, 'a file path is required');
export const empty = z.object({}).strict().default({});
