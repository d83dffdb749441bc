/**
 * The fold-ensemble job: a finished scan's fold models, averaged, evaluated on validation and test as a run of its
 * own (kind 'ensemble', no training). Its saved model (the first fold's) can start a fine-tune.
 */
import { trainConfig } from '../../api/train-api.ts';
import { initEngine } from '../../ml/engine.ts';
import { EnsembleModel } from '../../ml/ensemble-model.ts';
import { loadScanSet } from '../../ml/noise/scan-data.ts';
import { CancelledError } from '../../ml/train.ts';
import { LoadedModel } from '../../ml/trained-model.ts';
import { RunStore } from '../../store/runs.ts';
import type { JobPayloads } from '../messages.ts';
import type { TaskContext } from '../task-context.ts';
import { evaluateAndFinish } from '../finish-run.ts';

export async function run(ctx: TaskContext<JobPayloads['ensemble']>): Promise<void> {
  const { payload } = ctx;
  const config = trainConfig.parse(payload.config);
  const runs = new RunStore(ctx.workspace.db);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let model: EnsembleModel | null = null;
  try {
    ctx.progress({ phase: 'starting engine', fraction: 0 });
    runs.setEngine(payload.runId, await initEngine(config.engine, config.precision));
    ctx.progress({ phase: `loading ${payload.modelDirs.length} fold models`, fraction: 0.05 });
    model = new EnsembleModel(await Promise.all(payload.modelDirs.map((dir) => LoadedModel.load(dir))));
    const val = loadScanSet(ctx.workspace, { split: config.valSplit, seed: config.seed });
    const test = config.testSplit ? loadScanSet(ctx.workspace, { split: config.testSplit, seed: config.seed }) : null;
    ctx.progress({ phase: 'evaluating', fraction: 0.2 });
    await evaluateAndFinish(ctx, runs, model, { config, val, test, bestEpoch: 0, seconds });
  } catch (e) {
    const cancelled = ctx.signal.aborted || e instanceof CancelledError;
    runs.end(payload.runId, cancelled ? 'cancelled' : 'failed', cancelled ? null : e instanceof Error ? e.message : String(e), seconds());
    throw e;
  } finally {
    model?.dispose();
  }
}
