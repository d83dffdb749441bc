/**
 * The training settings a run uses unless told otherwise. zod-free, so the renderer can show the same
 * defaults the contract (train-api.ts) fills in.
 *
 * Adam, not SGD: on FER2013 with our models, Nesterov SGD at 0.01 learned 2-3x slower over the first
 * 300 steps, and at 0.05 collapsed onto the majority class (dead ReLUs in the dense layer); Adam at 1e-3
 * to 3e-3 learned steadily (4,000 Training rows, cnn-tiny, see the commit that set this).
 */
export const TRAIN_DEFAULTS = {
  model: 'cnn-small',
  epochs: 30,
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
