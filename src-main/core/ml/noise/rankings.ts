import type { SampleScore } from './sample-scores.ts';

/**
 * Ways to order samples by how likely their label is wrong (higher = more likely), all from the same
 * out-of-fold probabilities. bench/noise.ts measures each against FER+ so the default is chosen on data.
 */
export const RANKING_NAMES = ['normalized-margin', 'self-confidence', 'confidence-weighted-entropy', 'issues-first'] as const;
export type RankingName = (typeof RANKING_NAMES)[number];

export const RANKINGS: Record<RankingName, (s: SampleScore & { issue?: boolean }) => number> = {
  'normalized-margin': (s: SampleScore) => 1 - (s.margin + 1) / 2,
  'self-confidence': (s: SampleScore) => 1 - s.selfConfidence,
  // cleanlab's confidence-weighted entropy: uncertain overall AND unsure of the given label
  'confidence-weighted-entropy': (s: SampleScore) => s.entropy / Math.max(s.selfConfidence, 1e-7),
  // confident-learning issues first, each group by normalized margin
  'issues-first': (s) => (s.issue ? 1 : 0) + (1 - (s.margin + 1) / 2),
};
