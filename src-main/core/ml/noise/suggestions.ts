/**
 * Ways to pick the suggested label of a flagged sample from its out-of-fold probabilities. The plain
 * most-likely-other class leans towards the big classes (happy holds a quarter of FER2013) when the
 * models are weak; dividing by the per-class threshold (confident learning's t_j: the mean
 * self-confidence of class j) or by the class prior undoes that lean. bench/noise.ts measures each
 * against the FER+ majority so the default is chosen on data.
 */
export const SUGGESTION_NAMES = ['top-other', 'threshold-normalized', 'prior-normalized'] as const;
export type SuggestionName = (typeof SUGGESTION_NAMES)[number];

/**
 * Chosen on the full fast-cpu scan of Training (bench noise, models at ~50% out-of-fold accuracy):
 * top-other names the FER+ majority on 57.3% of the noisy samples, prior-normalized 49.6%,
 * threshold-normalized 43.2%. With the earlier, weaker models (30% out-of-fold) the order was the
 * reverse (threshold-normalized 23.5% vs top-other 16.3%): the normalizations only help weak models.
 * Weighting each class by confident learning's estimated noise (2026-12-03, the fast-cpu scan whose top-other names
 * the FER+ majority on 58.6%): p_j x P(given | true j) 54.3%, its square root 57.2%; p_j x P(true j | given) 56.2%,
 * its square root 58.3%. The estimated transitions carry the model's own confusions, so they add nothing.
 */
export const DEFAULT_SUGGESTION: SuggestionName = 'top-other';

export interface SuggestionContext {
  thresholds: readonly number[];  // per-class mean self-confidence
  priors: readonly number[];      // share of each given label
}

/** The class other than `given` with the highest (normalized) probability. */
export function suggestLabel(p: ArrayLike<number>, given: number, how: SuggestionName, ctx: SuggestionContext): number {
  const weight = (c: number) => (how === 'threshold-normalized' ? ctx.thresholds[c]! : how === 'prior-normalized' ? ctx.priors[c]! : 1);
  let best = -1;
  let bestValue = -Infinity;
  for (let c = 0; c < p.length; c++) {
    if (c === given) continue;
    const v = p[c]! / Math.max(weight(c), 1e-7);
    if (v > bestValue) {
      bestValue = v;
      best = c;
    }
  }
  return best;
}
