import { join } from 'node:path';
import type { Handlers } from '../api/contract.ts';
import { StudioError } from '../api/contract.ts';
import { trainApi, trainConfig, type EngineReport, type RunDetail, type TrainConfig } from '../api/train-api.ts';
import { NUM_CLASSES } from '../classes.ts';
import { describeEngines, expectedThreads } from '../ml/engine-probe.ts';
import { LAST_CHECKPOINT, hasCheckpoint } from '../ml/checkpoint-files.ts';
import { latestRunId } from '../store/latest.ts';
import { RunStore, runDir } from '../store/runs.ts';
import type { StudioContext } from './context.ts';
import { assertResumable } from './resumable.ts';
import { startRecordedJob } from './start-recorded-job.ts';

/** Training: engines, runs (start, list, detail, compare), triplets and confusion cells, jobs. */
export function trainHandlers(ctx: StudioContext): Handlers<typeof trainApi> {
  const { db } = ctx.workspace;
  const runs = new RunStore(db);
  // A run left 'running' by a worker that died (kill, crash, power) is closed when the workspace opens.
  runs.recoverInterrupted(ctx.workspace.path);

  const runOrThrow = (id: number): RunDetail => {
    const r = runs.get(id);
    if (!r) throw new StudioError('not-found', `No run with id ${id}.`);
    return r;
  };
  const startJob = (runId: number, config: TrainConfig) => ({
    jobId: startRecordedJob(ctx.jobs, 'train', { runId, config }, (reason) => runs.end(runId, 'failed', reason, 0)),
    runId,
  });
  const finishedRun = (id: number | undefined): number => {
    const runId = id ?? latestRunId(db);
    if (runId === null) throw new StudioError('not-found', 'No finished training run yet. Train a model first (Train view, or `fer-studio train`).');
    runOrThrow(runId);
    return runId;
  };

  return {
    engines: async (): Promise<EngineReport> => {
      // Which engine `auto` would take, without loading TF.js backends into this (door) process.
      const candidates = await describeEngines();
      const selected = candidates.find((c) => c.trains) ?? candidates.find((c) => c.available);
      if (!selected) throw new StudioError('internal', 'No TF.js engine is available.');
      return { selected: selected.name, backend: selected.name === 'tensorflow-gpu' ? 'tensorflow' : selected.name, threads: expectedThreads(selected.name), candidates };
    },

    startTrain: (input) => {
      if (ctx.workspace.samples.count() === 0) throw new StudioError('conflict', 'The workspace has no samples: import a dataset first.');
      return startJob(runs.create(input, ctx.workspace.labels.labelVersion()), input);
    },

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

    compareRuns: ({ a, b }) => {
      const ra = runOrThrow(a);
      const rb = runOrThrow(b);
      const ma = ra.test ?? ra.validation;
      const mb = rb.test ?? rb.validation;
      if (!ma || !mb) throw new StudioError('conflict', `Both runs need evaluation metrics to compare (run ${!ma ? a : b} has none: not finished?).`);
      const delta = (f: (k: number) => number, g: (k: number) => number) => Array.from({ length: NUM_CLASSES }, (_, k) => g(k) - f(k));
      return {
        a: ra,
        b: rb,
        accuracyDelta: mb.accuracy - ma.accuracy,
        perClassF1Delta: delta((k) => ma.perClass[k]?.f1 ?? 0, (k) => mb.perClass[k]?.f1 ?? 0),
        perClassRecallDelta: delta((k) => ma.perClass[k]?.recall ?? 0, (k) => mb.perClass[k]?.recall ?? 0),
      };
    },

    listJobs: () => ctx.jobs.list(),
    cancelJob: ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  };
}
