import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../api/train-api.ts';

/** The optimizer a run trains with: Adam, or SGD with Nesterov momentum 0.9. Shared by trainModel and the bench. */
export function makeOptimizer(kind: TrainConfig['optimizer'], learningRate: number): tf.Optimizer {
  return kind === 'adam' ? tf.train.adam(learningRate) : tf.train.momentum(learningRate, 0.9, true);
}

/** Changes the rate of a running optimizer (the schedule calls it every step). */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  // SGD/momentum cache -lr in a scalar (setLearningRate); Adam reads its field on every step.
  const o = optimizer as unknown as { setLearningRate?: (lr: number) => void; learningRate: number };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}
