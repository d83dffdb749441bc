import type { PresetPlan, RetrainOption, RetrainPlan, StartTrainInput, TrainConfig } from '../api/train-api.ts';
import { evalLimitFor, FINE_TUNE, MEASURED_IMAGES_PER_SECOND, TRAIN_PRESET_NAMES, TRAIN_PRESETS } from '../../../src-common/train-defaults.ts';
import { hasCheckpoint } from '../ml/checkpoint-files.ts';

/** What a plan reads from the workspace. */
export interface PlanSources {
  /** Usable (not excluded) samples per split. */
  samplesIn(split: string): number;
  /** Finished runs, newest first, with their mean training speed (null for a run without epochs). */
  finishedRuns(): FinishedRunSpeed[];
  modelDir(runId: number): string;
  /** The engine `auto` resolves to here (or the one asked for). */
  engine: string;
}

export interface FinishedRunSpeed {
  id: number;
  model: string;
  engine: string;
  imagesPerSecond: number | null;
}

export interface Speed {
  train: number;
  infer: number;
  basis: string;
}

/** Training speed of `model` on `engine`: the latest finished run's, else the README's benchmark figure. */
export function speedOf(model: TrainConfig['model'], engine: string, runs: readonly FinishedRunSpeed[]): Speed {
  const table = MEASURED_IMAGES_PER_SECOND[model];
  const run = runs.find((r) => r.model === model && r.engine === engine && r.imagesPerSecond !== null);
  if (run?.imagesPerSecond) {
    const train = run.imagesPerSecond;
    return { train, infer: train * (table.infer / table.train), basis: `the speed of run ${run.id} (${model} on ${engine}, ${Math.round(train)} img/s)` };
  }
  return { ...table, basis: `the benchmark figure for ${model} on the native engine, 2 cores (${table.train} img/s)${engine === 'native' ? '' : `; no ${model} run on ${engine} yet`}` };
}

/** Starting the worker, the engine and loading the samples: about 10-20 s measured on 2 cores, whatever the run. */
export const START_SECONDS = 12;

/**
 * Seconds a run will take: the start, its epochs over the training samples, a validation pass per epoch,
 * and the final evaluation of validation and test with flip averaging (two passes each).
 */
export function estimateSeconds(c: { epochs: number; trainSamples: number; valSamples: number; testSamples: number }, speed: Speed): number {
  return START_SECONDS + (c.epochs * c.trainSamples) / speed.train + (c.epochs * c.valSamples + 2 * (c.valSamples + c.testSamples)) / speed.infer;
}

/** The fine-tune of `baseRunId` for these settings: a few epochs (never more than a third of a retrain from scratch) at a lower rate. */
export function fineTuneInput<T extends { epochs: number; learningRate: number }>(settings: T, baseRunId: number): T & { initFromRunId: number } {
  return {
    ...settings,
    epochs: Math.max(1, Math.min(FINE_TUNE.epochs, Math.floor(settings.epochs / 3))),
    learningRate: settings.learningRate * FINE_TUNE.learningRateFactor,
    initFromRunId: baseRunId,
  };
}

/** The samples a run with these settings trains on and evaluates. */
function runSizes(settings: TrainConfig, sources: PlanSources) {
  const evalLimit = evalLimitFor(settings.limit);
  const cap = (n: number, limit: number | undefined) => (limit === undefined ? n : Math.min(n, limit));
  return {
    trainSamples: cap(sources.samplesIn(settings.trainSplit), settings.limit),
    valSamples: cap(sources.samplesIn(settings.valSplit), evalLimit),
    testSamples: settings.testSplit ? cap(sources.samplesIn(settings.testSplit), evalLimit) : 0,
  };
}

/** From scratch always; fine-tune when a finished run of the same model left its model to start from. */
export function planRetrain(settings: TrainConfig, sources: PlanSources): RetrainPlan {
  const sizes = runSizes(settings, sources);
  const runs = sources.finishedRuns();
  const speed = speedOf(settings.model, sources.engine, runs);
  const { resumeRunId: _r, initFromRunId: _i, ...input } = settings;
  const option = (kind: RetrainOption['kind'], title: string, config: StartTrainInput & { epochs: number }): RetrainOption => ({
    kind,
    title,
    input: config,
    trainSamples: sizes.trainSamples,
    estimateSeconds: estimateSeconds({ ...sizes, epochs: config.epochs }, speed),
    basis: speed.basis,
  });
  const options = [option('scratch', `From scratch: ${settings.model}, ${settings.epochs} epochs`, input)];
  const base = runs.find((r) => r.model === settings.model && hasCheckpoint(sources.modelDir(r.id)));
  if (base) {
    const tune = fineTuneInput(input, base.id);
    options.push(option('fine-tune', `Fine-tune run ${base.id}: ${tune.epochs} epoch${tune.epochs === 1 ? '' : 's'} at learning rate ${tune.learningRate.toPrecision(2)}`, tune));
  }
  return { options, fineTuneUnavailable: base ? null : `No finished ${settings.model} run to fine-tune yet: train one from scratch first.` };
}

/** Each training preset applied over these settings (engine, splits, limit… stay), from scratch, with its estimated time. */
export function planPresets(settings: TrainConfig, sources: PlanSources): PresetPlan[] {
  const runs = sources.finishedRuns();
  return TRAIN_PRESET_NAMES.map((name) => {
    const preset = TRAIN_PRESETS[name];
    const config = { ...settings, ...preset.settings };
    const speed = speedOf(config.model, sources.engine, runs);
    const sizes = runSizes(config, sources);
    const { resumeRunId: _r, initFromRunId: _i, ...input } = config;
    return { name, purpose: preset.purpose, input, trainSamples: sizes.trainSamples, estimateSeconds: estimateSeconds({ ...sizes, epochs: config.epochs }, speed), basis: speed.basis };
  });
}
