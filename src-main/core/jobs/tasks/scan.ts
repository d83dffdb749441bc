/**
 * The label-noise scan job: k-fold cross-validation over one split, so each image is scored by a model
 * that never trained on it; then confident learning, ranking and the review queue, written in one transaction.
 */
import { NUM_CLASSES } from '../../classes.ts';
import { scanConfig, type ScanConfig } from '../../api/noise-api.ts';
import { trainConfig, type TrainConfig } from '../../api/train-api.ts';
import { initEngine } from '../../ml/engine.ts';
import { trainModel, type ImageSet } from '../../ml/train.ts';
import { analyzeScan } from '../../ml/noise/analyze-scan.ts';
import { stratifiedFolds } from '../../ml/noise/folds.ts';
import { loadScanSet, subsetOf } from '../../ml/noise/scan-data.ts';
import { ScanStore } from '../../store/scans.ts';
import type { TaskContext } from '../task-context.ts';

interface ScanPayload {
  config: ScanConfig;
  scanId: number;
}

export async function run(ctx: TaskContext): Promise<void> {
  const payload = ctx.payload as ScanPayload;
  const config = scanConfig.parse(payload.config);
  const scans = new ScanStore(ctx.workspace.db);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const engine = await initEngine(config.engine);
    scans.setEngine(payload.scanId, engine);
    ctx.progress({ phase: 'loading samples', fraction: 0 });
    const set = loadScanSet(ctx.workspace, config);
    if (set.count < NUM_CLASSES * config.folds) throw new Error(`Only ${set.count} samples in ${config.split}: too few for a ${config.folds}-fold scan.`);

    const probs = await scoreOutOfFold(ctx, config, set);
    ctx.progress({ phase: 'ranking', fraction: 0.99 });
    const analysis = analyzeScan({
      sampleIds: set.ids,
      labels: set.labels,
      folds: probs.folds,
      probs: probs.values,
      classes: NUM_CLASSES,
      decided: scans.decidedSampleIds(),
      maxFlags: config.maxFlags,
      ranking: config.ranking,
    });
    scans.finish(payload.scanId, analysis.scores, analysis.flagged, analysis.summary, seconds());
    ctx.progress({ phase: 'done', fraction: 1 });
  } catch (e) {
    const cancelled = ctx.signal.aborted;
    scans.end(payload.scanId, cancelled ? 'cancelled' : 'failed', cancelled ? null : e instanceof Error ? e.message : String(e), seconds());
    throw e;
  }
}

/** Trains one model per fold (or one in-sample model in quick mode) and fills in every sample's probabilities. */
async function scoreOutOfFold(ctx: TaskContext, config: ScanConfig, set: ImageSet): Promise<{ values: Float32Array; folds: Int32Array }> {
  const values = new Float32Array(set.count * NUM_CLASSES);
  const quick = config.mode === 'quick';
  const folds = quick ? new Int32Array(set.count).fill(-1) : stratifiedFolds(set.labels, config.folds, config.seed);
  const rounds = quick ? 1 : config.folds;
  for (let f = 0; f < rounds; f++) {
    const heldOut: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < set.count; i++) (quick || folds[i] !== f ? train : heldOut).push(i);
    const scored = quick ? train : heldOut;
    const trainCfg: TrainConfig = trainConfig.parse({
      model: config.model,
      engine: config.engine,
      epochs: config.epochs,
      seed: config.seed + f,
      earlyStoppingPatience: 0,
      schedule: 'one-cycle',
    });
    const phase = quick ? 'training (quick mode: in-sample scores)' : `fold ${f + 1}/${rounds}`;
    const model = await trainModel({
      config: trainCfg,
      train: subsetOf(set, train),
      hooks: {
        signal: ctx.signal,
        onBatch: (b) => {
          const done = (f + (b.epoch - 1 + b.batch / b.batches) / config.epochs) / rounds;
          const imagesPerRound = train.length * config.epochs + scored.length;
          const remaining = (1 - done) * rounds * imagesPerRound;
          ctx.progress({
            phase,
            fraction: done * 0.98,
            fold: f + 1,
            folds: rounds,
            epoch: b.epoch,
            epochs: config.epochs,
            batch: b.batch,
            batches: b.batches,
            loss: b.loss,
            imagesPerSecond: b.imagesPerSecond,
            ...(b.imagesPerSecond > 0 ? { etaSeconds: remaining / b.imagesPerSecond } : {}),
          });
        },
        onEpoch: (m) => ctx.emit({ type: 'epoch', jobId: '', fold: f + 1, metrics: m }),
      },
    });
    try {
      const p = await model.predict(subsetOf(set, scored), { ttaFlip: true });
      scored.forEach((sample, j) => values.set(p.subarray(j * NUM_CLASSES, (j + 1) * NUM_CLASSES), sample * NUM_CLASSES));
    } finally {
      model.dispose();
    }
  }
  return { values, folds };
}
