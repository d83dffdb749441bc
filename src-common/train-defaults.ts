import type { ModelName } from './model-engine-names.ts';

/**
 * Training presets: a recipe and what it is for. Each shows its estimated time on this workspace before it
 * starts (retrain-plan.ts `planPresets`: this machine's own measured speed once a run of the model finished,
 * else MEASURED_IMAGES_PER_SECOND). Only the fields a preset sets change; the rest keep the contract defaults.
 *
 * The recipes come from runs measured on the real data (README "Training"): cnn-small 20 epochs reached 63.4% /
 * 64.5% (PublicTest / PrivateTest) in 52 min at 321 img/s, the PyTorch peer's vgg-fer 67.5% PrivateTest in 30
 * epochs. `npm run bench -- accuracy --preset NAME` measures a preset end to end; its figures are in the README.
 */
export const TRAIN_PRESET_NAMES = ['quick', 'balanced', 'best'] as const;
export type TrainPresetName = (typeof TRAIN_PRESET_NAMES)[number];

export interface TrainPreset {
  purpose: string;
  /** Every field a preset sets, in every preset, so that picking one after another leaves nothing of the first. */
  settings: { model: ModelName; epochs: number; earlyStoppingPatience: number };
}

export const TRAIN_PRESETS: Record<TrainPresetName, TrainPreset> = {
  quick: { purpose: 'minutes: try the loop', settings: { model: 'cnn-small', epochs: 3, earlyStoppingPatience: 8 } },
  balanced: { purpose: 'the default for one-click retrain', settings: { model: 'cnn-small', epochs: 12, earlyStoppingPatience: 8 } },
  // One-cycle needs its whole schedule: a plateau mid-way would stop the run before the annealing that gives the last points.
  best: { purpose: 'hours: leave it overnight', settings: { model: 'vgg-fer', epochs: 30, earlyStoppingPatience: 0 } },
};

export const DEFAULT_TRAIN_PRESET: TrainPresetName = 'balanced';

/**
 * The training settings a run uses unless told otherwise: the balanced preset. zod-free, so the renderer can
 * show the same defaults the contract (train-api.ts) fills in.
 *
 * Adam, not SGD: on FER2013 with our models, Nesterov SGD at 0.01 learned 2-3x slower over the first
 * 300 steps, and at 0.05 collapsed onto the majority class (dead ReLUs in the dense layer); Adam at 1e-3
 * to 3e-3 learned steadily (4,000 Training rows, cnn-tiny, see the commit that set this).
 */
export const TRAIN_DEFAULTS = {
  ...TRAIN_PRESETS[DEFAULT_TRAIN_PRESET].settings,
  batchSize: 64,
  optimizer: 'adam',
  learningRate: 0.001,
  schedule: 'one-cycle',
  // FER2013's own protocol. The renderer needs them too: a <select> bound to an unset field selects its first
  // option (Training) and writes it back, so opening the settings once trained, validated and tested on Training.
  trainSplit: 'Training',
  valSplit: 'PublicTest',
  testSplit: 'PrivateTest',
} as const;

/**
 * Images per second of each model on the native engine, one process on 2 cores (README, `npm run bench --
 * train --engine native --model all`): what a time estimate uses before this workspace has a run of its own.
 */
export const MEASURED_IMAGES_PER_SECOND = {
  'cnn-small': { train: 205.8, infer: 399.7 },
  'vgg-fer': { train: 41.8, infer: 96.2 },
  'cnn-tiny': { train: 540.5, infer: 1011.6 },
} as const;

/**
 * Fine-tuning a finished run on the current labels: a few epochs at a lower peak rate, so the run keeps what
 * it learned and adapts to the changed labels. Not yet measured against a retrain from scratch on the whole of
 * FER2013 (bench loop), so from scratch stays the one-click default.
 */
export const FINE_TUNE = { epochs: 3, learningRateFactor: 0.3 } as const; // epochs: at most, and at most a third of the scratch run's

/** Evaluation splits of a quick (`limit`) run are cut too, to a quarter of the limit (at least 200). */
export const evalLimitFor = (limit: number | undefined): number | undefined => (limit === undefined ? undefined : Math.max(200, Math.round(limit / 4)));
