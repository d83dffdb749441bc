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
