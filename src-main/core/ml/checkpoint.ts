/**
 * Checkpoints in the TF.js layers format: model.json (topology + weights manifest) and weights.bin,
 * plus fer-studio.json (normalization, epoch, history) so a run can resume and predict without the
 * database. Written to a temporary folder and renamed, so a kill never leaves a half-written checkpoint.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import type { EpochMetrics } from '../api/events.ts';
import type { TrainConfig } from '../api/train-api.ts';
import type { Normalization } from './image-set.ts';
import './layers/batch-norm.ts';
import './layers/dropout.ts';
import { hasCheckpoint, STATE_FILE } from './checkpoint-files.ts';

export { hasCheckpoint };

export interface CheckpointState {
  config: TrainConfig;
  normalization: Normalization;
  epoch: number;              // epochs completed when written
  bestEpoch: number;
  bestValAccuracy: number | null;
  history: EpochMetrics[];
}

export async function saveCheckpoint(model: LayersModel, dir: string, state: CheckpointState): Promise<void> {
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData instanceof ArrayBuffer ? artifacts.weightData : tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer[]);
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_core}`,
        convertedBy: 'fer-studio',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(tmp, 'model.json'), JSON.stringify(modelJson));
      await writeFile(join(tmp, 'weights.bin'), Buffer.from(weights));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  await writeFile(join(tmp, STATE_FILE), JSON.stringify(state));
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, '..'), { recursive: true });
  await rename(tmp, dir);
}

export async function loadCheckpoint(dir: string): Promise<{ model: LayersModel; state: CheckpointState }> {
  if (!hasCheckpoint(dir)) throw new Error(`No checkpoint in ${dir} (model.json and ${STATE_FILE} expected).`);
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }> };
  const group = json.weightsManifest[0]!;
  const bin = await readFile(join(dir, group.paths[0]!));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
  const model = await loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: group.weights, weightData }));
  const state = JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')) as CheckpointState;
  return { model, state };
}
