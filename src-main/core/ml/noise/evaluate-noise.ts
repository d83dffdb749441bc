import type { NoiseEvaluation, ScanOverview } from '../../api/noise-api.ts';
import { NUM_CLASSES } from '../../../../src-common/classes.ts';
import { truthOf } from './ferplus-truth.ts';
import { auroc, averagePrecision, precisionAt } from './ranking-metrics.ts';

export interface ScoredSample {
  given: number;
  predicted: number;   // the out-of-fold model's class
  suggested: number;
  score: number;
  issue: number;
  votes: number[] | null;
}

export const PRECISION_AT = [500, 1000, 2000, 5000] as const;

/**
 * Scores a ranking against FER+: positives are samples whose FER+ majority is another of the 7 classes,
 * negatives those where it agrees; samples without votes or a usable majority are left out.
 */
export function evaluateAgainstFerPlus(scanId: number, rows: readonly ScoredSample[]): NoiseEvaluation {
  const scores: number[] = [];
  const noisy: boolean[] = [];
  const issue: number[] = [];
  let suggestedRight = 0;
  let agreesWithGiven = 0;
  let agreesWithMajority = 0;
  for (const r of rows) {
    if (r.predicted === r.given) agreesWithGiven++;
    if (!r.votes) continue;
    const t = truthOf(r.votes, r.given);
    if (t.kind === 'other') continue;
    if (r.predicted === (t.kind === 'noisy' ? t.majority : r.given)) agreesWithMajority++;
    scores.push(r.score);
    noisy.push(t.kind === 'noisy');
    issue.push(r.issue);
    if (t.kind === 'noisy' && r.suggested === t.majority) suggestedRight++;
  }
  const positives = noisy.filter(Boolean).length;
  const flaggedIssues = issue.filter(Boolean).length;
  const truePositiveIssues = issue.filter((v, i) => v && noisy[i]).length;
  return {
    scanId,
    truthSamples: scores.length,
    clean: scores.length - positives,
    noisy: positives,
    auroc: auroc(scores, noisy),
    averagePrecision: averagePrecision(scores, noisy),
    precisionAt: Object.fromEntries(PRECISION_AT.filter((k) => k <= scores.length).map((k) => [String(k), precisionAt(scores, noisy, k)])),
    suggestedAccuracyOnNoisy: positives ? suggestedRight / positives : NaN,
    issueSetPrecision: flaggedIssues ? truePositiveIssues / flaggedIssues : NaN,
    issueSetRecall: positives ? truePositiveIssues / positives : NaN,
    modelAccuracy: rows.length ? agreesWithGiven / rows.length : NaN,
    modelAccuracyVsFerPlus: scores.length ? agreesWithMajority / scores.length : NaN,
  };
}

/** How many given labels the FER+ majority contradicts, overall and by given class (samples without a 7-class majority left out); null without votes. */
export function ferPlusWrong(rows: ReadonlyArray<{ given: number; votes: number[] | null }>): ScanOverview['ferPlus'] {
  const perClass = Array.from({ length: NUM_CLASSES }, () => ({ samples: 0, wrong: 0 }));
  let any = false;
  for (const r of rows) {
    if (!r.votes) continue;
    any = true;
    const t = truthOf(r.votes, r.given);
    if (t.kind === 'other') continue;
    perClass[r.given]!.samples++;
    if (t.kind === 'noisy') perClass[r.given]!.wrong++;
  }
  if (!any) return null;
  return { samples: perClass.reduce((a, c) => a + c.samples, 0), wrong: perClass.reduce((a, c) => a + c.wrong, 0), perClass };
}
