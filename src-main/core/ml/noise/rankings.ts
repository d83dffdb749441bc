import type { SampleScore } from './sample-scores.ts';

/**
 * Ways to order samples by how likely their label is wrong (higher = more likely), all from the same
 * out-of-fold probabilities. bench/noise.ts measures each against FER+ so the default is chosen on data.
 * Class-aware variants of the margin, measured on the fast-cpu scan of all of Training (2026-12-03; margin: AUROC
 * 0.845, AP 0.662, P@1000 0.770, suggestion 58.6%) and not kept: the margin of prior-balanced probabilities
 * (p_c / prior_c^a) ranks worse as a grows (a = 0.25: 0.842; a = 1: 0.820); sharpening toward the prior (a = -0.5 /
 * -1) gains AUROC 0.849 / 0.850 and AP 0.665 but loses P@1000 (0.755 / 0.743), within what FER+'s own lean toward
 * frequent classes would give, not a better detector; per-class thresholds (p_c / t_c, as confident learning counts)
 * 0.751; the within-class rank scaled by confident learning's per-class error estimate 0.799.
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
