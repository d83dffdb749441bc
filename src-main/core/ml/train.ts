/**
 * The training loop, shared by the train job, the noise scan's folds, tests and the bench.
 *
 * In-memory API (the noise scan calls it; keep names and shapes):
 *   trainModel({ config, train, val?, hooks?, checkpointDir? }) -> TrainedModel
 *     config: TrainConfig (api/train-api.ts). Trains on all of `train` (apply `limit` when loading data),
 *       validates on `val` after every epoch (early stopping + best weights need it).
 *     hooks.onBatch({ epoch, batch, batches, loss, imagesPerSecond }): every few batches (loss read async).
 *     hooks.onEpoch(EpochMetrics); hooks.signal: abort -> stops within one batch, rejects with CancelledError.
 *     checkpointDir: writes `last/` every epoch and `best/` when validation improves (TF.js format);
 *       with config.resumeRunId set and a `last/` checkpoint there, training resumes after its epoch
 *       with the saved weights, normalization and history (optimizer state is not saved: momentum restarts).
 *   TrainedModel.predict(set, { ttaFlip?, batchSize? }) -> count x 7 softmax probabilities.
 *
 * The engine must be initialized first (initEngine). Seeded: same seed, engine and data give the same run.
 * No synchronous reads: the loss is read asynchronously every few batches; accuracy accumulates on device.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel, LayerVariable } from '@tensorflow/tfjs-layers';
import type { EpochMetrics } from '../api/events.ts';
import type { TrainConfig } from '../api/train-api.ts';
import { classWeightsOf, makeBatch } from './augment.ts';
import { hasCheckpoint, loadCheckpoint, saveCheckpoint, type CheckpointState } from './checkpoint.ts';
import { BEST_CHECKPOINT, LAST_CHECKPOINT } from './checkpoint-files.ts';
import { checkImageSet, imageSize, normalizationOf, shapeOf, type ImageSet, type Normalization, type SetShape } from './image-set.ts';
import { modelShape } from './trained-model.ts';
import { buildModel } from './models/index.ts';
import { Random } from './random.ts';
import { makeOptimizer, setLearningRate } from './optimizer.ts';
import { makeSchedule } from './schedule.ts';
import { LoadedModel, predictProbs, type TrainedModel } from './trained-model.ts';
import { join } from 'node:path';

export type { ImageSet } from './image-set.ts';
export type { TrainedModel } from './trained-model.ts';

export interface TrainHooks {
  onBatch?(p: { epoch: number; batch: number; batches: number; loss: number; imagesPerSecond: number }): void;
  onEpoch?(m: EpochMetrics): void;
  signal?: AbortSignal;
}

export interface TrainOptions {
  config: TrainConfig;
  train: ImageSet;
  val?: ImageSet;
  hooks?: TrainHooks;
  checkpointDir?: string;
  /** Fine-tuning: a saved model (TrainedModel.save) to start from, with its normalization, instead of fresh weights. */
  initDir?: string;
}

/** Thrown when hooks.signal aborts; name 'AbortError' like DOM aborts. */
export class CancelledError extends Error {
  constructor(message = 'Training was cancelled.') {
    super(message);
    this.name = 'AbortError';
  }
}

const LOSS_READ_EVERY = 5;

export async function trainModel(opts: TrainOptions): Promise<LoadedModel> {
  const { config, train, val, hooks = {}, checkpointDir } = opts;
  checkImageSet(train, 'training');
  if (val) checkImageSet(val, 'validation');
  const shape = shapeOf(train);
  const signal = hooks.signal;
  if (signal?.aborted) throw new CancelledError();

  const resumeDir = checkpointDir && config.resumeRunId !== undefined && hasCheckpoint(join(checkpointDir, LAST_CHECKPOINT)) ? join(checkpointDir, LAST_CHECKPOINT) : null;
  let model: LayersModel;
  let norm: Normalization;
  let state: Pick<CheckpointState, 'epoch' | 'bestEpoch' | 'bestValAccuracy' | 'history'>;
  if (resumeDir) {
    const loaded = await loadCheckpoint(resumeDir);
    model = loaded.model;
    norm = loaded.state.normalization;
    state = { ...loaded.state, history: [...loaded.state.history] };
    checkModelFits(model, shape);
  } else if (opts.initDir) {
    const loaded = await loadCheckpoint(opts.initDir);
    if (loaded.state.config.model !== config.model) {
      loaded.model.dispose();
      throw new Error(`Cannot fine-tune a ${loaded.state.config.model} model as ${config.model}.`);
    }
    model = loaded.model;
    norm = loaded.state.normalization; // the weights expect the inputs they were trained on
    checkModelFits(model, shape);
    state = { epoch: 0, bestEpoch: 0, bestValAccuracy: null, history: [] };
  } else {
    model = buildModel(config.model, config.seed, shape);
    norm = normalizationOf(train);
    state = { epoch: 0, bestEpoch: 0, bestValAccuracy: null, history: [] };
  }

  const bs = Math.min(config.batchSize, train.count);
  const batches = Math.max(1, Math.floor(train.count / bs));
  const schedule = makeSchedule(config.schedule, config.learningRate, config.epochs * batches);
  const optimizer = makeOptimizer(config.optimizer, config.learningRate);
  const setLr = (lr: number) => setLearningRate(optimizer, lr);
  const decayed = model.trainableWeights.filter((w) => /kernel/.test(w.originalName)) as LayerVariable[];
  const classWeights = config.classWeights ? classWeightsOf(train.labels, shape.classes) : null;
  let best: tf.Tensor[] | null = null;
  const keepBest = () => {
    tf.dispose(best ?? []);
    best = model.getWeights().map((w) => tf.keep(w.clone()));
  };
  const stateFor = (epoch: number): CheckpointState => ({ config, normalization: norm, epoch, bestEpoch: state.bestEpoch, bestValAccuracy: state.bestValAccuracy, history: state.history });

  try {
    // Replay the schedule up to the resumed epoch so plateau decisions and one-cycle steps line up.
    for (const h of state.history) schedule.endEpoch(h.valAccuracy);
    if (resumeDir && checkpointDir && hasCheckpoint(join(checkpointDir, BEST_CHECKPOINT))) {
      const b = await loadCheckpoint(join(checkpointDir, BEST_CHECKPOINT));
      best = b.model.getWeights().map((w) => tf.keep(w.clone()));
      b.model.dispose();
    }

    for (let epoch = state.epoch + 1; epoch <= config.epochs; epoch++) {
      const rnd = new Random(config.seed * 7919 + epoch);
      const order = rnd.permutation(train.count);
      const started = performance.now();
      let lossSum: tf.Scalar = tf.keep(tf.scalar(0));
      let correctSum: tf.Scalar = tf.keep(tf.scalar(0));
      let lr = schedule.at((epoch - 1) * batches);
      for (let b = 0; b < batches; b++) {
        if (signal?.aborted) throw new CancelledError();
        lr = schedule.at((epoch - 1) * batches + b);
        setLr(lr);
        const batch = makeBatch(train, order.subarray(b * bs, (b + 1) * bs), norm, { augment: config.augment, labelSmoothing: config.labelSmoothing, classWeights }, rnd);
        const loss = tf.tidy(() => {
          const x = tf.tensor4d(batch.x, [batch.size, shape.side, shape.side, shape.channels]);
          const y = tf.tensor2d(batch.y, [batch.size, shape.classes]);
          const w = tf.tensor1d(batch.weights);
          const labels = tf.tensor1d(batch.labels, 'int32');
          let correct: tf.Scalar | null = null;
          const l = optimizer.minimize(() => {
            const logits = model.apply(x, { training: true }) as tf.Tensor2D;
            correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')));
            return tf.losses.softmaxCrossEntropy(y, logits, w);
          }, true)!;
          if (config.weightDecay > 0) for (const v of decayed) v.write(tf.mul(v.read(), 1 - lr * config.weightDecay));
          const nextLoss = tf.keep(tf.add(lossSum, l)) as tf.Scalar;
          const nextCorrect = tf.keep(tf.add(correctSum, correct!)) as tf.Scalar;
          tf.dispose([lossSum, correctSum, correct!]);
          lossSum = nextLoss;
          correctSum = nextCorrect;
          return l;
        });
        if (b % LOSS_READ_EVERY === LOSS_READ_EVERY - 1 || b === batches - 1) {
          const value = (await loss.data())[0]!;
          if (!Number.isFinite(value)) throw new Error(`Training diverged at epoch ${epoch}, batch ${b + 1} (loss ${value}): lower the learning rate.`);
          const seconds = (performance.now() - started) / 1000;
          hooks.onBatch?.({ epoch, batch: b + 1, batches, loss: value, imagesPerSecond: ((b + 1) * bs) / seconds });
        }
        loss.dispose();
        // wasm runs synchronously: yield so IPC messages (cancel) and timers get through between batches.
        await new Promise((r) => setImmediate(r));
      }
      const trainLoss = (await lossSum.data())[0]! / batches;
      const trainAccuracy = (await correctSum.data())[0]! / (batches * bs);
      tf.dispose([lossSum, correctSum]);
      const trainSeconds = (performance.now() - started) / 1000;
      const metrics: EpochMetrics = { epoch, trainLoss, trainAccuracy, learningRate: lr, imagesPerSecond: (batches * bs) / trainSeconds, seconds: 0 };
      if (val) {
        const probs = await predictProbs(model, norm, val, { batchSize: 256 }, signal);
        const { loss, accuracy } = lossAndAccuracy(probs, val.labels);
        metrics.valLoss = loss;
        metrics.valAccuracy = accuracy;
      }
      metrics.seconds = (performance.now() - started) / 1000;
      schedule.endEpoch(metrics.valAccuracy);
      state.history.push(metrics);
      state.epoch = epoch;
      const improved = metrics.valAccuracy === undefined || state.bestValAccuracy === null || metrics.valAccuracy > state.bestValAccuracy;
      if (improved) {
        state.bestEpoch = epoch;
        state.bestValAccuracy = metrics.valAccuracy ?? null;
        if (val) keepBest();
      }
      if (checkpointDir) {
        await saveCheckpoint(model, join(checkpointDir, LAST_CHECKPOINT), stateFor(epoch));
        if (improved && val) await saveCheckpoint(model, join(checkpointDir, BEST_CHECKPOINT), stateFor(epoch));
      }
      hooks.onEpoch?.(metrics);
      if (val && config.earlyStoppingPatience > 0 && epoch - state.bestEpoch >= config.earlyStoppingPatience) break;
    }
    if (best) model.setWeights(best);
    return new LoadedModel(model, norm, config, state.history, state.bestEpoch);
  } catch (e) {
    model.dispose();
    throw signal?.aborted && !(e instanceof CancelledError) ? new CancelledError() : e;
  } finally {
    tf.dispose(best ?? []);
    optimizer.dispose();
  }
}

/** Mean cross-entropy of the given labels and top-1 accuracy, from softmax probabilities. */
export function lossAndAccuracy(probs: Float32Array, labels: Int32Array): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  const K = probs.length / labels.length;
  for (let i = 0; i < labels.length; i++) {
    const row = probs.subarray(i * K, (i + 1) * K);
    loss -= Math.log(Math.max(row[labels[i]!]!, 1e-7));
    let arg = 0;
    for (let c = 1; c < K; c++) if (row[c]! > row[arg]!) arg = c;
    if (arg === labels[i]) correct++;
  }
  return { loss: loss / labels.length, accuracy: correct / labels.length };
}

/** A saved model resumed or fine-tuned must take the set's images and give its classes. */
function checkModelFits(model: LayersModel, shape: SetShape): void {
  const has = modelShape(model);
  if (has.side !== shape.side || has.channels !== shape.channels || has.classes !== shape.classes) {
    model.dispose();
    throw new Error(`The saved model takes ${imageSize(has)} images into ${has.classes} classes; this dataset has ${imageSize(shape)} images and ${shape.classes} classes.`);
  }
}
