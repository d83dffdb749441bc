/** A trained network with its input normalization: batched prediction (optional flip averaging), save, dispose. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
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

/** The image side and channels a model takes and the number of classes it gives, read from the model itself. */
export function modelShape(model: LayersModel): SetShape {
  return { side: model.inputs[0]!.shape[1]!, classes: model.outputs[0]!.shape.at(-1)!, channels: model.inputs[0]!.shape[3]! };
}

/** A set's penultimate features (the layer before the classifier): count x dim, row i for image i. */
export interface Embedding {
  features: Float32Array;
  dim: number;
}

/** Softmax probabilities of every image of `set` (eval mode: moving batch-norm stats, no dropout). */
export async function predictProbs(model: LayersModel, norm: Normalization, set: ImageSet, options: PredictOptions = {}, signal?: AbortSignal): Promise<Float32Array> {
  return (await forward(model, norm, set, options, false, signal)).probs;
}

/**
 * Probabilities and penultimate features from one forward pass (the scan scores and embeds its held-out images
 * at once: a second pass cost 76 s of a FER2013 fast-cpu scan). The features are the unmirrored image's.
 */
export function predictWithFeatures(model: LayersModel, norm: Normalization, set: ImageSet, options: PredictOptions = {}, signal?: AbortSignal): Promise<{ probs: Float32Array; embedding: Embedding }> {
  return forward(model, norm, set, options, true, signal) as Promise<{ probs: Float32Array; embedding: Embedding }>;
}

async function forward(model: LayersModel, norm: Normalization, set: ImageSet, options: PredictOptions, withFeatures: boolean, signal?: AbortSignal): Promise<{ probs: Float32Array; embedding: Embedding | null }> {
  const { side, classes, channels } = modelShape(model);
  const has = shapeOf(set);
  if (has.side !== side || has.channels !== channels) throw new RangeError(`The model takes ${imageSize({ side, channels })} images; these are ${imageSize(has)}.`);
  const per = side * side * channels;
  const out = new Float32Array(set.count * classes);
  // Both outputs of one graph: the layer before the classifier (for the conv nets the dense ReLU after an
  // eval-mode dropout, i.e. unchanged) and the logits.
  const layers = model.layers;
  const both = withFeatures ? tfl.model({ inputs: model.inputs, outputs: [layers[layers.length - 2]!.output as tfl.SymbolicTensor, model.outputs[0]!] }) : null;
  const dim = both ? both.outputs[0]!.shape.at(-1)! : 0;
  const features = new Float32Array(set.count * dim);
  const bs = options.batchSize ?? 256;
  const views = options.ttaFlip && set.mirrorable !== false ? [false, true] : [false];
  for (let start = 0; start < set.count; start += bs) {
    signal?.throwIfAborted();
    const n = Math.min(bs, set.count - start);
    const sums: tf.Tensor[] = [];
    let feature: tf.Tensor | null = null;
    for (const flip of views) {
      const x = new Float32Array(n * per);
      for (let i = 0; i < n; i++) writeNormalized(set, start + i, norm, x, i * per, flip);
      sums.push(tf.tidy(() => {
        const input = tf.tensor4d(x, [n, side, side, channels]);
        if (!both || flip) return tf.softmax(model.apply(input, { training: false }) as tf.Tensor2D);
        const [f, logits] = both.apply(input, { training: false }) as tf.Tensor[];
        feature = tf.keep(f!);
        return tf.softmax(logits as tf.Tensor2D);
      }));
    }
    const mean = tf.tidy(() => (sums.length === 1 ? sums[0]!.clone() : tf.div(tf.addN(sums), sums.length)));
    out.set((await mean.data()) as Float32Array, start * classes);
    if (feature) features.set((await (feature as tf.Tensor).data()) as Float32Array, start * dim);
    tf.dispose([...sums, mean, ...(feature ? [feature] : [])]);
    // Let IPC messages (cancel) in between batches: wasm runs synchronously.
    await new Promise((r) => setImmediate(r));
  }
  return { probs: out, embedding: both ? { features, dim } : null };
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

  predictWithFeatures(set: ImageSet, options?: PredictOptions): Promise<{ probs: Float32Array; embedding: Embedding }> {
    return predictWithFeatures(this.model, this.normalization, set, options);
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
