import type { ScanSummaryStats, ScoreRow } from '../../store/scans.ts';
import { findLabelIssues, labelCounts } from './confident-learning.ts';
import { rankDescending } from './ranking-metrics.ts';
import { scoreSample } from './sample-scores.ts';
import { RANKINGS, type RankingName } from './rankings.ts';
import { DEFAULT_SUGGESTION, suggestLabel, type SuggestionName } from './suggestions.ts';

export interface ScanInput {
  sampleIds: ArrayLike<number>;
  labels: ArrayLike<number>;     // given labels when scanned
  folds: ArrayLike<number>;      // the fold that scored each sample (-1: in-sample, quick mode)
  probs: Float32Array;           // out-of-fold probabilities, n x classes
  classes: number;
  decided: ReadonlySet<number>;  // samples a person already reviewed: scored, never queued again
  maxFlags: number;
  ranking?: RankingName;
  suggestion?: SuggestionName;
}

export interface ScanAnalysis {
  scores: ScoreRow[];
  flagged: Array<{ sampleId: number; rank: number }>;
  summary: ScanSummaryStats;
}

/**
 * Turns out-of-fold probabilities into per-sample scores, the confident-learning issue set and the
 * review queue. The queue holds, in score order, the samples that confident learning calls issues or
 * that the model assigns to another class; that keeps confidently-correct samples out of the queue.
 */
export function analyzeScan(input: ScanInput): ScanAnalysis {
  const n = input.labels.length;
  const k = input.classes;
  const cl = findLabelIssues({ probs: input.probs, labels: input.labels, classes: k });
  const ranking = input.ranking ?? 'normalized-margin';
  const rank = RANKINGS[ranking];
  const suggestion = input.suggestion ?? DEFAULT_SUGGESTION;
  const counts = labelCounts(input.labels, k);
  const suggestCtx = { thresholds: cl.thresholds, priors: counts.map((c) => c / Math.max(n, 1)) };
  const scores: ScoreRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = input.probs.subarray(i * k, (i + 1) * k);
    const s = { ...scoreSample(p, input.labels[i]!), issue: cl.issues[i] === 1 };
    const suggested = suggestLabel(p, input.labels[i]!, suggestion, suggestCtx);
    scores[i] = { sampleId: input.sampleIds[i]!, fold: input.folds[i]!, given: input.labels[i]!, probs: p, ...s, suggested, score: rank(s) };
  }
  const order = rankDescending(scores.map((s) => s.score));
  const flagged: ScanAnalysis['flagged'] = [];
  for (const i of order) {
    if (flagged.length >= input.maxFlags) break;
    const s = scores[i]!;
    if (input.decided.has(s.sampleId)) continue;
    if (s.issue || s.predicted !== s.given) flagged.push({ sampleId: s.sampleId, rank: flagged.length + 1 });
  }
  const issues = cl.issues.reduce((a, b) => a + b, 0);
  return {
    scores,
    flagged,
    summary: {
      scored: n,
      issues,
      flags: flagged.length,
      thresholds: cl.thresholds,
      confidentJoint: cl.confident,
      noiseMatrix: cl.noise,
      estimatedErrors: cl.joint.map((row) => row.map((q) => Math.round(q * n))),
      ranking,
      suggestion,
    },
  };
}

export { labelCounts };
