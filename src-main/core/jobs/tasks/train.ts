/**
 * The training job: loads the splits from the workspace, trains (checkpoints next to the workspace),
 * evaluates validation and test with flip averaging, and writes predictions, triplets and metrics in one
 * transaction. Epoch rows are written as epochs finish. Cancel or failure closes the run row.
 */
import { mkdirSync } from 'node:fs';
import { trainConfig } from '../../api/train-api.ts';
import { evalLimitFor } from '../../../../src-common/train-defaults.ts';
import { initEngine } from '../../ml/engine.ts';
import { loadScanSet } from '../../ml/noise/scan-data.ts';
import { CancelledError, trainModel } from '../../ml/train.ts';
import { RunStore, runDir, runModelDir } from '../../store/runs.ts';
import { evaluateAndFinish } from '../finish-run.ts';
import type { JobPayloads } from '../messages.ts';
import type { TaskContext } from '../task-context.ts';

export async function run(ctx: TaskContext<JobPayloads['train']>): Promise<void> {
  const { payload } = ctx;
  const config = trainConfig.parse(payload.config); // the row's config may predate a default: parse fills it in
  const runs = new RunStore(ctx.workspace.db);
  const dir = runDir(ctx.workspace.path, payload.runId);
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const before = runs.get(payload.runId)?.durationSeconds ?? 0; // a resumed run counts its earlier time too
  const seconds = () => before + (performance.now() - started) / 1000;
  try {
    ctx.progress({ phase: 'starting engine', fraction: 0 });
    const engine = await initEngine(config.engine, config.precision);
    runs.setEngine(payload.runId, engine);
    runs.setCheckpoint(payload.runId, dir);

    ctx.progress({ phase: 'loading samples', fraction: 0 });
    const evalLimit = evalLimitFor(config.limit);
    const train = loadScanSet(ctx.workspace, { split: config.trainSplit, limit: config.limit, seed: config.seed });
    const val = loadScanSet(ctx.workspace, { split: config.valSplit, limit: evalLimit, seed: config.seed });
    const test = config.testSplit ? loadScanSet(ctx.workspace, { split: config.testSplit, limit: evalLimit, seed: config.seed }) : null;
    if (train.count < train.classes) throw new Error(`Only ${train.count} usable samples in ${config.trainSplit}: import a dataset first.`);

    const model = await trainModel({
      config,
      train,
      ...(val.count > 0 ? { val } : {}),
      checkpointDir: dir,
      ...(config.initFromRunId !== undefined ? { initDir: runModelDir(ctx.workspace.path, config.initFromRunId) } : {}),
      hooks: {
        signal: ctx.signal,
        onBatch: (b) => {
          const done = (b.epoch - 1 + b.batch / b.batches) / config.epochs;
          const remainingImages = (1 - done) * config.epochs * train.count;
          ctx.progress({
            phase: 'training',
            fraction: done * 0.95,
            epoch: b.epoch,
            epochs: config.epochs,
            batch: b.batch,
            batches: b.batches,
            loss: b.loss,
            imagesPerSecond: b.imagesPerSecond,
            ...(b.imagesPerSecond > 0 ? { etaSeconds: remainingImages / b.imagesPerSecond } : {}),
          });
          ctx.emit({ type: 'batch', jobId: '', runId: payload.runId, step: (b.epoch - 1) * b.batches + b.batch, loss: b.loss });
        },
        onEpoch: (m) => {
          runs.addEpoch(payload.runId, m);
          ctx.emit({ type: 'epoch', jobId: '', runId: payload.runId, metrics: m });
          ctx.progress({ phase: 'training', fraction: (m.epoch / config.epochs) * 0.95, epoch: m.epoch, epochs: config.epochs, loss: m.trainLoss, accuracy: m.valAccuracy ?? m.trainAccuracy, imagesPerSecond: m.imagesPerSecond });
        },
      },
    });
    try {
      ctx.progress({ phase: 'evaluating', fraction: 0.96 });
      const bestEpoch = model.history.reduce((best, h) => ((h.valAccuracy ?? -1) > (best?.valAccuracy ?? -1) ? h : best), model.history[0])?.epoch ?? 0;
      await evaluateAndFinish(ctx, runs, model, { config, val, test, bestEpoch, seconds });
    } finally {
      model.dispose();
    }
  } catch (e) {
    const cancelled = ctx.signal.aborted || e instanceof CancelledError;
    runs.end(payload.runId, cancelled ? 'cancelled' : 'failed', cancelled ? null : e instanceof Error ? e.message : String(e), seconds());
    throw e;
  }
}
