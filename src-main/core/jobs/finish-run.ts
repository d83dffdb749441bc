/**
 * The end of every run, trained or not: predicts validation and test (flip averaging as the run's config says),
 * keeps the model as the run's own (what fine-tuning starts from), and writes metrics, predictions and triplets in
 * one transaction.
 */
import type { TrainConfig, Triplet } from '../api/train-api.ts';
import { argmaxRows, classesIn, evaluate, misclassificationTriplets, sampleLosses } from '../ml/evaluate.ts';
import type { ImageSet } from '../ml/image-set.ts';
import { CancelledError } from '../ml/train.ts';
import type { TrainedModel } from '../ml/trained-model.ts';
import { runModelDir, type PredictionRow, type RunStore } from '../store/runs.ts';
import type { TaskContext } from './task-context.ts';

type IdSet = ImageSet & { ids: Int32Array };

export async function evaluateAndFinish(
  ctx: TaskContext<{ runId: number }>,
  runs: RunStore,
  model: TrainedModel,
  r: { config: TrainConfig; val: IdSet | null; test: IdSet | null; bestEpoch: number; seconds: () => number },
): Promise<void> {
  const { runId } = ctx.payload;
  const predictions: PredictionRow[] = [];
  const scored: Array<{ set: IdSet; probs: Float32Array }> = [];
  const evaluateSplit = async (set: IdSet | null, split: string) => {
    if (!set || set.count === 0) return null;
    if (ctx.signal.aborted) throw new CancelledError();
    const probs = await model.predict(set, { ttaFlip: r.config.ttaFlip });
    const K = classesIn(probs, set.labels);
    const predicted = argmaxRows(probs, K);
    const losses = sampleLosses(probs, set.labels);
    for (let i = 0; i < set.count; i++) predictions.push({ sampleId: set.ids[i]!, predicted: predicted[i]!, probs: probs.subarray(i * K, (i + 1) * K), loss: losses[i]! });
    scored.push({ set, probs });
    return evaluate(split, probs, set.labels);
  };
  const validation = await evaluateSplit(r.val, r.config.valSplit);
  const test = r.config.testSplit ? await evaluateSplit(r.test, r.config.testSplit) : null;
  const triplets: Triplet[] = scored.flatMap((s) => misclassificationTriplets(s.probs, s.set.labels, s.set.ids));
  const modelDir = runModelDir(ctx.workspace.path, runId);
  await model.save(modelDir);
  if (ctx.signal.aborted) throw new CancelledError();
  runs.finish(runId, { metrics: { validation, test, bestEpoch: r.bestEpoch }, predictions, triplets, checkpoint: modelDir, seconds: r.seconds() });
  ctx.progress({ phase: 'done', fraction: 1 });
}
