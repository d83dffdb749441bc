import { z } from 'zod';
import { SPLITS } from '../../../src-common/classes.ts';
import { MAX_CLASSES } from '../../../src-common/dataset.ts';

/** Small schemas shared by several API areas. */
export const sampleId = z.number().int().nonnegative();
/** Any dataset's class id; the core checks it against the workspace's own classes. */
export const classId = z.number().int().min(0).max(MAX_CLASSES - 1);
export const split = z.enum(SPLITS);
export const filePath = z.string().min(1, 'a file path is required');
export const empty = z.object({}).strict().default({});
