import { z } from 'zod';
import { method } from './contract.ts';
import { classId, split } from './schemas.ts';
import type { EpochMetrics, JobInfo } from './events.ts';
import { TRAIN_DEFAULTS, type TrainPresetName } from '../../../src-common/train-defaults.ts';
import type { LabelChanges } from '../store/label-history.ts';
export type { LabelChanges };

import { ENGINE_NAMES, MODEL_NAMES, PRECISION_NAMES } from '../../../src-common/model-engine-names.ts';

export { ENGINE_NAMES, MODEL_NAMES, PRECISION_NAMES };
export type EngineName = Exclude<(typeof ENGINE_NAMES)[number], 'auto'>;

export const trainConfig = z.object({
  model: z.enum(MODEL_NAMES).default(TRAIN_DEFAULTS.model),
  engine: z.enum(ENGINE_NAMES).default('auto'),
  precision: z.enum(PRECISION_NAMES).default('fp32'),        // native engine: 'auto' = bf16 with AVX512_BF16
  epochs: z.number().int().min(1).max(500).default(TRAIN_DEFAULTS.epochs),
  batchSize: z.number().int().min(1).max(1024).default(TRAIN_DEFAULTS.batchSize),
  optimizer: z.enum(['sgd', 'adam']).default(TRAIN_DEFAULTS.optimizer), // sgd = SGD with Nesterov momentum 0.9
  learningRate: z.number().positive().max(10).default(TRAIN_DEFAULTS.learningRate), // peak rate under one-cycle
  weightDecay: z.number().min(0).max(1).default(5e-4),   // decoupled: weights *= 1 - lr * weightDecay per step
  schedule: z.enum(['one-cycle', 'plateau', 'constant']).default(TRAIN_DEFAULTS.schedule),
  earlyStoppingPatience: z.number().int().min(0).max(500).default(TRAIN_DEFAULTS.earlyStoppingPatience), // 0 = off
  augment: z
    .object({
      flip: z.boolean().default(true),
      rotateDegrees: z.number().min(0).max(45).default(10),
      shift: z.number().min(0).max(0.3).default(0.1),       // fraction of the side
      scale: z.number().min(0).max(0.3).default(0.1),
      erasing: z.number().min(0).max(1).default(0),          // probability of random erasing
      mixup: z.number().min(0).max(1).default(0),            // mixup alpha; 0 = off
    })
    .prefault({}),
  labelSmoothing: z.number().min(0).max(0.5).default(0),
  classWeights: z.boolean().default(false),
  trainSplit: split.default(TRAIN_DEFAULTS.trainSplit),
  valSplit: split.default(TRAIN_DEFAULTS.valSplit),
  testSplit: split.optional().default(TRAIN_DEFAULTS.testSplit),
  limit: z.number().int().positive().optional(),            // use only the first N training samples (stratified), for quick runs
  seed: z.number().int().default(42),
  ttaFlip: z.boolean().default(true),                       // average predictions with the mirrored image at evaluation
  resumeRunId: z.number().int().positive().optional(),      // set by resumeTrain: the worker loads the run's last checkpoint
  initFromRunId: z.number().int().positive().optional(),    // fine-tune: start from this finished run's model (same model) instead of fresh weights
});
export type TrainConfig = z.output<typeof trainConfig>;

/** One way to retrain on the current labels, with what it will cost, shown before anything starts. */
export interface RetrainOption {
  kind: 'scratch' | 'fine-tune';
  title: string;                  // e.g. 'From scratch: cnn-small, 30 epochs' or 'Fine-tune run 4: 3 epochs at lr 3e-4'
  input: StartTrainInput;         // what startTrain gets when the person picks it
  trainSamples: number;
  estimateSeconds: number;
  basis: string;                  // where the speed comes from (a run of this model, or the README's benchmark)
}

export interface RetrainPlan {
  options: RetrainOption[];       // scratch first; fine-tune when a finished run of the same model can start it
  fineTuneUnavailable: string | null; // why there is no fine-tune option
}

/** A training preset applied over the current settings, with its estimated time here, shown before it starts. */
export interface PresetPlan {
  name: TrainPresetName;
  purpose: string;
  input: StartTrainInput;         // what startTrain gets when the person picks it
  trainSamples: number;
  estimateSeconds: number;
  basis: string;
}

export interface EngineCandidate {
  name: EngineName;
  available: boolean;
  trains: boolean;
  reason: string;                 // why it was picked or skipped
}

export interface EngineReport {
  selected: EngineName;
  backend: string;                // the TF.js backend name in use
  threads: number;
  candidates: EngineCandidate[];
  precision?: 'fp32' | 'bf16';    // what the convolutions and matmuls ran in (absent in reports before it existed)
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationMetrics {
  split: string;
  accuracy: number;
  loss: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  perClass: ClassMetrics[];       // index = class id
  confusion: number[][];          // [true][predicted]
}

/** Evaluation against the FER+ majority, with the samples left out (no votes, tied or split votes, contempt / unknown / not a face). */
export interface MajorityEvaluation extends EvaluationMetrics {
  leftOut: { noVotes: number; noMajority: number; notAClass: number };
}

/** A run's evaluation against the FER+ majority, or why there is none (no votes in the workspace, run not finished). */
export type FerPlusEvaluation =
  | { available: true; validation: MajorityEvaluation | null; test: MajorityEvaluation | null }
  | { available: false; reason: string };

export interface RunSummary {
  id: number;
  kind: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  model: string;
  engine: string;
  labelVersion: number;           // the labels the run trained on and was evaluated against (validation, test)
  createdAt: string;
  durationSeconds: number | null;
  epochs: number;                 // epochs completed
  valAccuracy: number | null;
  testAccuracy: number | null;
  /** Accuracy against the FER+ majority (null without votes or before the run finished). */
  valAccuracyFerPlus: number | null;
  testAccuracyFerPlus: number | null;
  error: string | null;
}

export interface RunDetail extends RunSummary {
  config: TrainConfig;
  engineReport: EngineReport;
  history: EpochMetrics[];
  validation: EvaluationMetrics | null;
  test: EvaluationMetrics | null;
  ferPlus: FerPlusEvaluation;
}

export interface Triplet {
  trueLabel: number;
  predictedLabel: number;
  sampleId: number;               // the misclassified image (middle)
  predictedExampleId: number | null; // a confident example of the predicted class (left)
  trueExampleId: number | null;   // a confident example of the true class (right)
  confidence: number;             // probability the model gave the wrong class
}

export interface MetricsDelta {
  split: string;                  // the split compared (test when both runs have it, else validation)
  accuracyDelta: number;
  macroF1Delta: number;
  perClassF1Delta: number[];
  perClassRecallDelta: number[];
}

export interface RunComparison {
  a: RunDetail;
  b: RunDetail;
  /** What differs between the runs beyond their labels (model, splits, epochs, …): read the deltas with these in mind. */
  differences: string[];
  /** b - a on the runs' own labels, and on the FER+ majority (null without votes). */
  given: MetricsDelta;
  ferPlus: MetricsDelta | null;
  /** Samples of the compared split that one run gets right and the other wrong, judged on `truth`. */
  flips: SampleFlips;
  /** How the training labels changed from A's label version to B's. */
  labelChanges: LabelChanges;
}

export interface SampleFlips {
  split: string;
  truth: 'ferplus' | 'labels';    // the FER+ majority when the workspace has votes, else the current labels
  fixed: number[];                // wrong in A, right in B (at most FLIP_LIST_MAX ids, most first)
  broken: number[];               // right in A, wrong in B
  fixedCount: number;
  brokenCount: number;
}

const startTrainInput = trainConfig.omit({ resumeRunId: true });
export type StartTrainInput = z.input<typeof startTrainInput>;

export const trainApi = {
  engines: method<EngineReport>()('Which TF.js engines exist here, which one trains, and why the others were skipped.', z.object({}).default({})),
  startTrain: method<{ jobId: string; runId: number }>()('Trains a model on the current labels in a worker process.', startTrainInput.prefault({})),
  planRetrain: method<RetrainPlan>()(
    'The ways to retrain on the current labels with these settings (from scratch; fine-tuning the latest finished run of the same model), each with its estimated time.',
    startTrainInput.omit({ initFromRunId: true }).prefault({}),
  ),
  trainPresets: method<PresetPlan[]>()(
    'The training presets (quick, balanced, best) applied over these settings, each with its estimated time on this workspace.',
    startTrainInput.omit({ initFromRunId: true }).prefault({}),
  ),
  resumeTrain: method<{ jobId: string; runId: number }>()(
    "Continues a cancelled or failed run from its last epoch's checkpoint, with the run's own settings and labels; `epochs` may raise its budget.",
    z.object({ runId: z.number().int().positive(), epochs: z.number().int().min(1).max(500).optional() }),
  ),
  listRuns: method<RunSummary[]>()('All training runs, newest first.', z.object({}).default({})),
  getRun: method<RunDetail>()('One run: config, engine, per-epoch history, evaluation.', z.object({ id: z.number().int().positive() })),
  triplets: method<Triplet[]>()(
    'Misclassification triplets of a run (latest finished run by default), optionally for one confusion pair.',
    z.object({ runId: z.number().int().positive().optional(), trueLabel: classId.optional(), predictedLabel: classId.optional(), limit: z.number().int().positive().max(1000).default(50) }),
  ),
  confusionSamples: method<number[]>()(
    "Sample ids behind one cell of a run's confusion matrix on one split (each evaluated split has its own matrix).",
    z.object({ runId: z.number().int().positive(), split, trueLabel: classId, predictedLabel: classId, limit: z.number().int().positive().max(10_000).default(500) }),
  ),
  compareRuns: method<RunComparison>()('Two runs side by side with per-class deltas (b - a).', z.object({ a: z.number().int().positive(), b: z.number().int().positive() })),
  listJobs: method<JobInfo[]>()('Jobs of this session, newest first.', z.object({}).default({})),
  cancelJob: method<{ cancelled: boolean }>()('Cancels a running job within one batch.', z.object({ jobId: z.string().min(1) })),
};
