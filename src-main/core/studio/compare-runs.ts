import type { EvaluationMetrics, LabelChanges, MetricsDelta, RunComparison, RunDetail, SampleFlips } from '../api/train-api.ts';
import { StudioError } from '../api/contract.ts';
import { NUM_CLASSES } from '../../../src-common/classes.ts';

/** The most flipped sample ids a comparison lists per direction (the counts are exact). */
export const FLIP_LIST_MAX = 200;

/** What a comparison reads beyond the two runs' details. */
export interface CompareSources {
  predictedClasses(runId: number, split: string): Map<number, number>;
  /** The class each sample is judged against (-1: leave it out), and which truth that is. */
  truth(ids: number[]): { truth: SampleFlips['truth']; classes: ArrayLike<number> };
  changesBetween(lo: number, hi: number, split: string): LabelChanges;
}

/** Samples of `split` predicted by both runs whose correctness differs, most confident label first. */
export function sampleFlips(a: RunDetail, b: RunDetail, split: string, sources: CompareSources): SampleFlips {
  const pa = sources.predictedClasses(a.id, split);
  const pb = sources.predictedClasses(b.id, split);
  const ids = [...pa.keys()].filter((id) => pb.has(id)).sort((x, y) => x - y);
  const { truth, classes } = sources.truth(ids);
  const fixed: number[] = [];
  const broken: number[] = [];
  ids.forEach((id, i) => {
    const t = classes[i]!;
    if (t < 0) return;
    const rightA = pa.get(id) === t;
    const rightB = pb.get(id) === t;
    if (!rightA && rightB) fixed.push(id);
    else if (rightA && !rightB) broken.push(id);
  });
  return { split, truth, fixed: fixed.slice(0, FLIP_LIST_MAX), broken: broken.slice(0, FLIP_LIST_MAX), fixedCount: fixed.length, brokenCount: broken.length };
}

/** b - a on one evaluation of each run. */
export function metricsDelta(ma: EvaluationMetrics, mb: EvaluationMetrics): MetricsDelta {
  const delta = (f: (m: EvaluationMetrics, k: number) => number) => Array.from({ length: ma.perClass.length }, (_, k) => f(mb, k) - f(ma, k));
  return {
    split: ma.split === mb.split ? ma.split : `${ma.split} vs ${mb.split}`,
    accuracyDelta: mb.accuracy - ma.accuracy,
    macroF1Delta: mb.macroF1 - ma.macroF1,
    perClassF1Delta: delta((m, k) => m.perClass[k]?.f1 ?? 0),
    perClassRecallDelta: delta((m, k) => m.perClass[k]?.recall ?? 0),
  };
}

/** What differs between two runs beyond their labels, in words: a comparison is read with these in mind. */
export function runDifferences(a: RunDetail, b: RunDetail): string[] {
  const out: string[] = [];
  const field = (name: string, va: unknown, vb: unknown) => {
    if (JSON.stringify(va) !== JSON.stringify(vb)) out.push(`${name}: ${String(va ?? 'none')} vs ${String(vb ?? 'none')}`);
  };
  field('model', a.config.model, b.config.model);
  field('training split', a.config.trainSplit, b.config.trainSplit);
  field('validation split', a.config.valSplit, b.config.valSplit);
  field('test split', a.config.testSplit, b.config.testSplit);
  field('training samples (limit)', a.config.limit ?? 'all', b.config.limit ?? 'all');
  field('epochs', a.epochs, b.epochs);
  field('seed', a.config.seed, b.config.seed);
  field('engine', a.engine, b.engine);
  return out;
}

/**
 * Compares two finished runs on their test evaluation (validation when either has no test), on their own
 * labels and, with votes, on the FER+ majority; says what else differs instead of refusing.
 */
export function compareRuns(a: RunDetail, b: RunDetail, sources: CompareSources): RunComparison {
  const pick = (r: RunDetail, given: boolean) => {
    const useTest = a.test !== null && b.test !== null;
    if (given) return useTest ? r.test : r.validation;
    if (!r.ferPlus.available) return null;
    return useTest ? r.ferPlus.test : r.ferPlus.validation;
  };
  const ga = pick(a, true);
  const gb = pick(b, true);
  if (!ga || !gb) throw new StudioError('conflict', `Both runs need evaluation metrics to compare (run ${!ga ? a.id : b.id} has none: not finished?).`);
  const fa = pick(a, false);
  const fb = pick(b, false);
  const [lo, hi] = a.labelVersion <= b.labelVersion ? [a.labelVersion, b.labelVersion] : [b.labelVersion, a.labelVersion];
  return {
    a,
    b,
    differences: runDifferences(a, b),
    given: metricsDelta(ga, gb),
    ferPlus: fa && fb ? metricsDelta(fa, fb) : null,
    flips: sampleFlips(a, b, gb.split, sources),
    labelChanges: sources.changesBetween(lo, hi, b.config.trainSplit),
  };
}
