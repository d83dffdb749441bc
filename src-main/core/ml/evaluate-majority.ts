/**
 * Evaluation against the FER+ majority instead of the split's own labels, which are about 30% wrong in
 * FER2013: a model trained on cleaner labels can only show its gain on truer labels. Samples without a
 * usable majority are left out, and counted by why.
 */
import { NUM_CLASSES } from '../../../src-common/classes.ts';
import type { MajorityEvaluation } from '../api/train-api.ts';
import { NO_VOTES } from '../store/votes.ts';
import { evaluate } from './evaluate.ts';

/** `majorities` as VoteStore.majorities gives them: 0-6 a FER2013 class, 7-9 contempt/unknown/not a face, -1 none, NO_VOTES. */
export function evaluateOnMajority(split: string, probs: Float32Array, majorities: Int8Array, classes: number = NUM_CLASSES): MajorityEvaluation {
  if (probs.length !== majorities.length * classes) throw new RangeError(`evaluateOnMajority: ${probs.length} probabilities for ${majorities.length} samples x ${classes} classes.`);
  const leftOut = { noVotes: 0, noMajority: 0, notAClass: 0 };
  const keep: number[] = [];
  majorities.forEach((m, i) => {
    if (m === NO_VOTES) leftOut.noVotes++;
    else if (m < 0) leftOut.noMajority++;
    else if (m >= classes) leftOut.notAClass++;
    else keep.push(i);
  });
  const kept = new Float32Array(keep.length * classes);
  const labels = new Int32Array(keep.length);
  keep.forEach((src, i) => {
    kept.set(probs.subarray(src * classes, (src + 1) * classes), i * classes);
    labels[i] = majorities[src]!;
  });
  return { ...evaluate(split, kept, labels, classes), leftOut };
}
