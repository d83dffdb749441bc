/** A trained network with its input normalization: batched prediction (optional flip averaging), save, dispose. */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { EpochMetrics } from '../api/events.ts';
import type { TrainConfig } from '../api/train-api.ts';
import { writeNormalized } from './augment.ts';
import { saveCheckpoint, loadCheckpoint } from './checkpoint.ts';
import { imageSize, shapeOf, type ImageSet, type Normalization, type SetShape } from './image-set.ts';

export interface PredictOptions {
  ttaFlip?: boolean;        // average with the mirrored image (test-time augmentation)
  batchSize?: number;
}

export interface TrainedModel {
  history: EpochMetrics[];
  /** count x classes softmax probabilities, row i for image i of `set`. */
  predict(set: ImageSet, options?: PredictOptions): Promise<Float32Array>;
  save(dir: string): Promise<void>;
  dispose(): void;
}

/** Softmax probabilities of every image of `set` (eval mode: moving batch-norm stats, no dropout). */
/** The image side and channels a model takes and the number of classes it gives, read from the model itself. */
export function modelShape(model: LayersModel): SetShape {
  return { side: model.inputs[0]!.shape[1]!, classes: model.outputs[0]!.shape.at(-1)!, channels: model.inputs[0]!.shape[3]! };
}

export async function predictProbs(model: LayersModel, norm: Normalization, set: ImageSet, options: PredictOptions = {}, signal?: AbortSignal): Promise<Float32Array> {
  const { side, classes, channels } = modelShape(model);
  const has = shapeOf(set);
  if (has.side !== side || has.channels !== channels) throw new RangeError(`The model takes ${imageSize({ side, channels })} images; these are ${imageSize(has)}.`);
  const per = side * side * channels;
  const out = new Float32Array(set.count * classes);
  const bs = options.batchSize ?? 256;
  const views = options.ttaFlip && set.mirrorable !== false ? [false, true] : [false];
  for (let start = 0; start < set.count; start += bs) {
    signal?.throwIfAborted();
    const n = Math.min(bs, set.count - start);
    const sums: tf.Tensor[] = [];
    for (const flip of views) {
      const x = new Float32Array(n * per);
      for (let i = 0; i < n; i++) writeNormalized(set, start + i, norm, x, i * per, flip);
      sums.push(tf.tidy(() => tf.softmax(model.apply(tf.tensor4d(x, [n, side, side, channels]), { training: false }) as tf.Tensor2D)));
    }
    const mean = tf.tidy(() => (sums.length === 1 ? sums[0]!.clone() : tf.div(tf.addN(sums), sums.length)));
    out.set((await mean.data()) as Float32Array, start * classes);
    tf.dispose([...sums, mean]);
    // Let IPC messages (cancel) in between batches: wasm runs synchronously.
    await new Promise((r) => setImmediate(r));
  }
  return out;
}

export class LoadedModel implements TrainedModel {
  constructor(
    readonly model: LayersModel,
    readonly normalization: Normalization,
    readonly config: TrainConfig,
    readonly history: EpochMetrics[],
    readonly bestEpoch: number,
  ) {}

  static async load(dir: string): Promise<LoadedModel> {
    const { model, state } = await loadCheckpoint(dir);
    return new LoadedModel(model, state.normalization, state.config, state.history, state.bestEpoch);
  }

  predict(set: ImageSet, options?: PredictOptions): Promise<Float32Array> {
    return predictProbs(this.model, this.normalization, set, options);
  }

  save(dir: string): Promise<void> {
    const best = this.history.find((h) => h.epoch === this.bestEpoch);
    return saveCheckpoint(this.model, dir, {
      config: this.config,
      normalization: this.normalization,
      epoch: this.history.at(-1)?.epoch ?? 0,
      bestEpoch: this.bestEpoch,
      bestValAccuracy: best?.valAccuracy ?? null,
      history: this.history,
    });
  }

  dispose(): void {
    this.model.dispose();
  }
}
