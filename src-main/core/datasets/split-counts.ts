import { NUM_CLASSES, SPLITS, type Split } from '../../../src-common/classes.ts';

/** Per split, per class id counts, every split present (zeros included) so tables line up. */
export type SplitCounts = Record<Split, number[]>;

export function emptySplitCounts(classes: number = NUM_CLASSES): SplitCounts {
  return Object.fromEntries(SPLITS.map((s) => [s, new Array<number>(classes).fill(0)])) as SplitCounts;
}
