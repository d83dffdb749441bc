/**
 * The label-noise scan job: k-fold cross-validation over one split, so each image is scored by a model
 * that never trained on it; then confident learning, ranking and the review queue, written in one transaction.
 */
import os from 'node:os';
import { scanConfig, type ScanConfig, type ScanTiming } from '../../api/noise-api.ts';
import type { EngineName } from '../../api/train-api.ts';
import { initEngine } from '../../ml/engine.ts';
import type { ImageSet } from '../../ml/train.ts';
import { shapeOf } from '../../ml/image-set.ts';
import { analyzeScan } from '../../ml/noise/analyze-scan.ts';
import { stratifiedFolds } from '../../ml/noise/folds.ts';
import { loadScanSet } from '../../ml/noise/scan-data.ts';
import { foldPlans, trainFold, type FoldResult, type RoundSeconds } from '../../ml/noise/train-fold.ts';
import type { Embedding } from '../../ml/trained-model.ts';
import { runFoldPool } from '../folds/fold-pool.ts';
import { MAX_FOLD_FOR_NEIGHBOURS, scanNeighbours } from '../../ml/noise/scan-neighbours.ts';
import { hasCheckpoint } from '../../ml/checkpoint.ts';
import { NeighbourStore } from '../../store/scan-neighbours.ts';
import { ScanProgress } from '../folds/scan-progress.ts';
import { ScanStore, scanFoldModelDir } from '../../store/scans.ts';
import type { JobPayloads } from '../messages.ts';
import type { TaskContext } from '../task-context.ts';

export async function run(ctx: TaskContext<JobPayloads['scan']>): Promise<void> {
  const { payload } = ctx;
  const config = scanConfig.parse(payload.config);
  const scans = new ScanStore(ctx.workspace.db);
  const started = performance.now();
  const before = scans.get(payload.scanId)?.durationSeconds ?? 0; // a resumed scan counts its earlier time too
  const seconds = () => before + (performance.now() - started) / 1000;
  try {
    const engine = await initEngine(config.engine, config.precision);
    scans.setEngine(payload.scanId, engine);
    ctx.progress({ phase: 'loading samples', fraction: 0 });
    const clock = phaseClock();
    const set = loadScanSet(ctx.workspace, config);
    const load = clock();
    const classes = set.classes;
    if (set.count < classes * config.folds) throw new Error(`Only ${set.count} samples in ${config.split}: too few for a ${config.folds}-fold scan.`);

    const roundTimes: RoundSeconds = { training: 0, scoring: 0, saving: 0 };
    const probs = await scoreOutOfFold(ctx, config, set, engine.selected, scans, payload.scanId, (s) => {
      for (const k of ['training', 'scoring', 'saving'] as const) roundTimes[k] += s[k];
    });
    const rounds = clock();
    ctx.progress({ phase: 'finding look-alikes', fraction: 0.98 });
    const groups = foldPlans(config, probs.folds).map((p) => p.scored);
    const neighbours = await scanNeighbours(set, groups, groups.map((_, r) => scanFoldModelDir(ctx.workspace.path, payload.scanId, r)), {
      hasModel: hasCheckpoint,
      embedded: probs.embeddings,
      signal: ctx.signal,
    });
    if (neighbours) new NeighbourStore(ctx.workspace.db).save(payload.scanId, set.ids, neighbours.k, neighbours.index.map((i) => (i < 0 ? -1 : set.ids[i]!)), neighbours.similarity);
    const lookAlikes = clock();
    ctx.progress({ phase: 'ranking', fraction: 0.99 });
    const analysis = analyzeScan({
      sampleIds: set.ids,
      labels: set.labels,
      folds: probs.folds,
      probs: probs.values,
      classes,
      decided: scans.decidedSampleIds(),
      maxFlags: config.maxFlags,
      ranking: config.ranking,
      suggestion: config.suggestion,
    });
    const timing: Omit<ScanTiming, 'writing'> = { load, rounds, ...roundTimes, lookAlikes, ranking: clock() };
    scans.finish(payload.scanId, analysis.scores, analysis.flagged, analysis.summary, seconds(), timing);
    ctx.progress({ phase: 'done', fraction: 1 });
  } catch (e) {
    const cancelled = ctx.signal.aborted;
    scans.end(payload.scanId, cancelled ? 'cancelled' : 'failed', cancelled ? null : e instanceof Error ? e.message : String(e), seconds());
    throw e;
  }
}

/**
 * Trains one model per fold (or one in-sample model in quick mode) and fills in every sample's
 * probabilities: in this process, or in several fold worker processes at once on CPU engines.
 * Each round is stored as soon as it is done; the rounds a scan already has (it was resumed) are not trained again.
 */
async function scoreOutOfFold(
  ctx: TaskContext,
  config: ScanConfig,
  set: ImageSet,
  engine: EngineName,
  scans: ScanStore,
  scanId: number,
  onRoundTimes: (seconds: RoundSeconds) => void,
): Promise<{ values: Float32Array; folds: Int32Array; embeddings: Map<number, Embedding> }> {
  const quick = config.mode === 'quick';
  const folds = quick ? new Int32Array(set.count).fill(-1) : stratifiedFolds(set.labels, config.folds, config.seed);
  const plans = foldPlans(config, folds);
  const perRound = scans.savedRounds(scanId);
  const K = shapeOf(set).classes;
  for (const [r, probs] of perRound) {
    if (probs.length !== (plans[r]?.scored.length ?? -1) * K) {
      throw new Error(`The samples of ${config.split} changed since scan ${scanId} scored its fold ${r + 1}: start a new scan.`);
    }
  }
  const todo = plans.map((_, r) => r).filter((r) => !perRound.has(r));
  // Rounds embed what they score, for the look-alikes; a resumed round's embeddings are not stored, so the
  // look-alikes embed those again from its saved model.
  const embed = plans.every((p) => p.scored.length <= MAX_FOLD_FOR_NEIGHBOURS);
  const embeddings = new Map<number, Embedding>();
  const keep = (round: number, result: FoldResult) => {
    scans.saveRound(scanId, round, result.probs);
    perRound.set(round, result.probs);
    if (result.embedding) embeddings.set(round, result.embedding);
    onRoundTimes(result.seconds);
  };
  const modelDirs = plans.map((_, r) => scanFoldModelDir(ctx.workspace.path, scanId, r));
  const workers = Math.max(1, Math.min(todo.length, config.workers || autoWorkers(engine)));
  const progress = new ScanProgress(ctx, config, plans, workers);
  for (const r of perRound.keys()) progress.roundDone(r);
  if (workers > 1) {
    await runFoldPool({
      config, set, folds, rounds: todo, workers, modelDirs, embed, signal: ctx.signal,
      onBatch: (round, b) => progress.batch(round, b),
      onEpoch: (round, m) => ctx.emit({ type: 'epoch', jobId: '', fold: round + 1, metrics: m }),
      onResult: keep,
    });
  } else {
    for (const r of todo) {
      const result = await trainFold(config, set, plans[r]!, r, {
        signal: ctx.signal,
        onBatch: (b) => progress.batch(r, b),
        onEpoch: (m) => ctx.emit({ type: 'epoch', jobId: '', fold: r + 1, metrics: m }),
      }, modelDirs[r], embed);
      keep(r, result);
    }
  }
  const values = new Float32Array(set.count * K);
  plans.forEach((plan, r) => plan.scored.forEach((sample, j) => values.set(perRound.get(r)!.subarray(j * K, (j + 1) * K), sample * K)));
  return { values, folds, embeddings };
}

/**
 * CPU engines: one fold worker per core. wasm runs one thread per process; the native engine's element-wise
 * ops are wasm's too, so one single-threaded process per core beats one process with threaded kernels
 * (cnn-small on 2 cores: 259 vs 206 img/s, bench train). GPU engines already use the whole device.
 */
function autoWorkers(engine: EngineName): number {
  return engine === 'wasm' || engine === 'native' || engine === 'cpu' ? os.availableParallelism() : 1;
}

/** Seconds since the clock was made or last read: one phase each read. */
function phaseClock(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const seconds = (now - last) / 1000;
    last = now;
    return seconds;
  };
}
