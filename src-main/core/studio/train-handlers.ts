import { join } from 'node:path';
import type { Handlers } from '../api/contract.ts';
import { StudioError } from '../api/contract.ts';
import { trainApi, trainConfig, type EngineCandidate, type EngineReport, type RunDetail, type TrainConfig } from '../api/train-api.ts';
import { expectedThreads } from '../ml/engine-probe.ts';
import { probeEnginesInWorker } from '../jobs/engine-probe-child.ts';
import { LAST_CHECKPOINT, hasCheckpoint } from '../ml/checkpoint-files.ts';
import { latestRunId } from '../store/latest.ts';
import { RunStore, runDir, runModelDir } from '../store/runs.ts';
import { planPresets, planRetrain, type PlanSources } from './retrain-plan.ts';
import type { StudioContext } from './context.ts';
import { assertResumable } from './resumable.ts';
import { compareRuns, type CompareSources } from './compare-runs.ts';
import { NUM_CLASSES } from '../../../src-common/classes.ts';
import { startRecordedJob } from './start-recorded-job.ts';
import type { DatasetDefinition } from '../../../src-common/dataset.ts';

/**
 * The settings a run records for this dataset: one whose classes change when mirrored (digits) trains without
 * flips and predicts without flip averaging, so the run's recorded settings say what it did.
 */
export function fitToDataset<C extends Pick<TrainConfig, 'augment' | 'ttaFlip'>>(config: C, dataset: Pick<DatasetDefinition, 'mirrorable'>): C {
  return dataset.mirrorable ? config : { ...config, augment: { ...config.augment, flip: false }, ttaFlip: false };
}

/** Training: engines, runs (start, list, detail, compare), triplets and confusion cells, jobs. */
export function trainHandlers(ctx: StudioContext): Handlers<typeof trainApi> {
  const { db } = ctx.workspace;
  const runs = new RunStore(db);

  const { votes } = ctx.workspace;
  const compareSources: CompareSources = {
    predictedClasses: (runId, split) => runs.predictedClasses(runId, split),
    truth: (ids) => {
      if (votes.count() === 0) return { truth: 'labels', classes: ids.map((id) => ctx.workspace.samples.get(id)?.label ?? -1) };
      const m = votes.majorities(ids);
      return { truth: 'ferplus', classes: Array.from(m, (c) => (c >= 0 && c < NUM_CLASSES ? c : -1)) };
    },
    changesBetween: (lo, hi, split) => ctx.workspace.labels.changesBetween(lo, hi, split),
  };

  const runOrThrow = (id: number): RunDetail => {
    const r = runs.get(id);
    if (!r) throw new StudioError('not-found', `No run with id ${id}.`);
    return r;
  };
  const startJob = (runId: number, config: TrainConfig) => ({
    jobId: startRecordedJob(ctx.jobs, { kind: 'train', payload: { runId, config } }, (reason) => runs.end(runId, 'failed', reason, 0)),
    runId,
  });
  const finishedRun = (id: number | undefined): number => {
    const runId = id ?? latestRunId(db);
    if (runId === null) throw new StudioError('not-found', 'No finished training run yet. Train a model first (Train view, or `fer-studio train`).');
    runOrThrow(runId);
    return runId;
  };

  // Which engine `auto` would take, asked of a worker process once per door (probing loads what it probes);
  // a failed probe is not kept, so the next call asks again.
  let probe: Promise<EngineCandidate[]> | null = null;
  const engines = async (): Promise<EngineReport> => {
    probe ??= probeEnginesInWorker(ctx.jobs.launchWorker).catch((e: unknown) => {
      probe = null;
      throw e;
    });
    const candidates = await probe;
    const selected = candidates.find((c) => c.trains) ?? candidates.find((c) => c.available);
    if (!selected) throw new StudioError('internal', 'No TF.js engine is available.');
    return { selected: selected.name, backend: selected.name === 'tensorflow-gpu' ? 'tensorflow' : selected.name, threads: expectedThreads(selected.name), candidates };
  };
  /** A fine-tune starts from a finished run of the same model that left its model on disk. */
  const checkFineTuneBase = (config: TrainConfig): void => {
    if (config.initFromRunId === undefined) return;
    const base = runOrThrow(config.initFromRunId);
    if (base.status !== 'done') throw new StudioError('conflict', `Run ${base.id} is ${base.status}: only a finished run can be fine-tuned.`);
    if (base.config.model !== config.model) throw new StudioError('conflict', `Run ${base.id} trained ${base.config.model}, not ${config.model}: fine-tuning keeps the model.`);
    if (!hasCheckpoint(runModelDir(ctx.workspace.path, base.id))) throw new StudioError('conflict', `Run ${base.id} has no saved model to start from (its files were removed?). Train from scratch.`);
  };

  /** What a time estimate reads from the workspace: usable samples per split, finished runs' speeds, the engine. */
  const planSources = async (settings: TrainConfig): Promise<PlanSources> => {
    const engine = settings.engine === 'auto' ? (await engines()).selected : settings.engine;
    const usable = new Map<string, number>();
    for (const c of ctx.workspace.samples.countsBySplitAndLabel()) usable.set(c.split, (usable.get(c.split) ?? 0) + c.n);
    return {
      samplesIn: (split) => usable.get(split) ?? 0,
      finishedRuns: () => runs.finishedSpeeds(),
      modelDir: (runId) => runModelDir(ctx.workspace.path, runId),
      engine,
    };
  };

  return {
    engines,

    startTrain: (input) => {
      if (ctx.workspace.samples.count() === 0) throw new StudioError('conflict', 'The workspace has no samples: import a dataset first.');
      checkFineTuneBase(input);
      const config = fitToDataset(input, ctx.workspace.dataset);
      return startJob(runs.create(config, ctx.workspace.labels.labelVersion()), config);
    },

    planRetrain: async (settings) => planRetrain(settings, await planSources(settings)),
    trainPresets: async (settings) => planPresets(settings, await planSources(settings)),

    resumeTrain: ({ runId, epochs }) => {
      const previous = runOrThrow(runId);
      assertResumable('run', runId, previous, ctx.workspace.labels.labelVersion());
      if (!hasCheckpoint(join(runDir(ctx.workspace.path, runId), LAST_CHECKPOINT))) {
        throw new StudioError('conflict', `Run ${runId} stopped before it finished an epoch: there is no checkpoint to resume from. Start a new run.`);
      }
      // The same recipe; only the epoch budget may grow.
      const config = trainConfig.parse({ ...previous.config, epochs: Math.max(previous.config.epochs, epochs ?? 0), resumeRunId: runId });
      runs.reopen(runId, config);
      return startJob(runId, config);
    },

    listRuns: () => runs.list(),
    getRun: ({ id }) => runOrThrow(id),

    triplets: ({ runId, trueLabel, predictedLabel, limit }) =>
      runs.triplets(finishedRun(runId), { ...(trueLabel === undefined ? {} : { trueLabel }), ...(predictedLabel === undefined ? {} : { predictedLabel }), limit }),

    confusionSamples: ({ runId, split, trueLabel, predictedLabel, limit }) => {
      runOrThrow(runId);
      return runs.confusionSamples(runId, split, trueLabel, predictedLabel, limit);
    },

    compareRuns: ({ a, b }) => compareRuns(runOrThrow(a), runOrThrow(b), compareSources),

    listJobs: () => ctx.jobs.list(),
    cancelJob: ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  };
}
