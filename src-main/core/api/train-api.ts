import { z } from 'zod';
import { method } from './contract.ts';
import { classId, split } from './schemas.ts';
import type { EpochMetrics, JobInfo } from './events.ts';
import { TRAIN_DEFAULTS } from './train-defaults.ts';

import { ENGINE_NAMES, MODEL_NAMES, PRECISION_NAMES } from './model-engine-names.ts';

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
  earlyStoppingPatience: z.number().int().min(0).max(500).default(8), // 0 = off
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
});
export type TrainConfig = z.output<typeof trainConfig>;

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

export interface RunSummary {
  id: number;
  kind: string;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  model: string;
  engine: string;
  labelVersion: number;
  createdAt: string;
  durationSeconds: number | null;
  epochs: number;                 // epochs completed
  valAccuracy: number | null;
  testAccuracy: number | null;
  error: string | null;
}

export interface RunDetail extends RunSummary {
  config: TrainConfig;
  engineReport: EngineReport;
  history: EpochMetrics[];
  validation: EvaluationMetrics | null;
  test: EvaluationMetrics | null;
}

export interface Triplet {
  trueLabel: number;
  predictedLabel: number;
  sampleId: number;               // the misclassified image (middle)
  predictedExampleId: number | null; // a confident example of the predicted class (left)
  trueExampleId: number | null;   // a confident example of the true class (right)
  confidence: number;             // probability the model gave the wrong class
}

export interface RunComparison {
  a: RunDetail;
  b: RunDetail;
  accuracyDelta: number;
  perClassF1Delta: number[];
  perClassRecallDelta: number[];
}

export const trainApi = {
  engines: method<EngineReport>()('Which TF.js engines exist here, which one trains, and why the others were skipped.', z.object({}).default({})),
  startTrain: method<{ jobId: string; runId: number }>()('Trains a model on the current labels in a worker process.', trainConfig.omit({ resumeRunId: true }).prefault({})),
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
    'Sample ids behind one confusion-matrix cell of a run.',
    z.object({ runId: z.number().int().positive(), trueLabel: classId, predictedLabel: classId, limit: z.number().int().positive().max(10_000).default(500) }),
  ),
  compareRuns: method<RunComparison>()('Two runs side by side with per-class deltas (b - a).', z.object({ a: z.number().int().positive(), b: z.number().int().positive() })),
  listJobs: method<JobInfo[]>()('Jobs of this session, newest first.', z.object({}).default({})),
  cancelJob: method<{ cancelled: boolean }>()('Cancels a running job within one batch.', z.object({ jobId: z.string().min(1) })),
};
