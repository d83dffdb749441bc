/**
 * A run's model as files any TF.js program loads: model.json + weights.bin in standard layers
 * (see standard-model.ts) and model-info.json (classes, input, preprocessing, normalization).
 * Reads the checkpoint's files directly: the door process never loads TF.js for an export.
 */
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CLASS_NAMES, IMAGE_SIDE } from '../../../../src-common/classes.ts';
import type { ModelInfo } from '../../api/model-api.ts';
import type { ImageChannels } from '../../../../src-common/dataset.ts';
import { partialPathFor } from '../../datasets/atomic-output.ts';
import { assertFreeTarget } from '../../datasets/export-folders.ts';
import { decodeSteps } from '../../datasets/image-folder-reader.ts';
import type { CheckpointState } from '../checkpoint.ts';
import { STATE_FILE, hasCheckpoint } from '../checkpoint-files.ts';
import { readWeights, writeWeights, type WeightSpec } from './named-weights.ts';
import { toStandardModel, type SequentialTopology } from './standard-model.ts';

export const MODEL_INFO_FILE = 'model-info.json';

export interface ExportSource {
  modelDir: string;               // the run's checkpoint folder
  runId: number;
  labelVersion: number;
  valAccuracy: number | null;
  testAccuracy: number | null;
  /** The workspace's dataset: its class names, the side its images are stored at and their channels (1 unless given). */
  classNames: readonly string[];
  side: number;
  channels?: ImageChannels;
  /** Whether prediction averages with the mirrored image: the run's setting, off for a dataset that is not mirrorable. */
  flipAverage: boolean;
}

export interface ExportFile {
  name: string;
  bytes: Buffer;
}

interface ModelJson {
  modelTopology: SequentialTopology;
  weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }>;
}

/** The three files of the export, in memory (a cnn-small is about 6 MB). */
export async function standardModelFiles(src: ExportSource): Promise<ExportFile[]> {
  if (!hasCheckpoint(src.modelDir)) throw new Error(`run ${src.runId} has no saved model (${src.modelDir} is missing or incomplete).`);
  const json = JSON.parse(await readFile(join(src.modelDir, 'model.json'), 'utf8')) as ModelJson;
  const state = JSON.parse(await readFile(join(src.modelDir, STATE_FILE), 'utf8')) as CheckpointState;
  const group = json.weightsManifest[0];
  if (!group || json.weightsManifest.length !== 1 || group.paths.length !== 1) throw new Error(`run ${src.runId}: the checkpoint's weights are not in one file.`);
  const weights = readWeights(group.weights, await readFile(join(src.modelDir, group.paths[0]!)));
  const standard = toStandardModel(json.modelTopology, weights);
  const { specs, bin } = writeWeights(standard.weights);
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'FER Studio',
    convertedBy: 'fer-studio export-model',
    modelTopology: standard.topology,
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
  };
  const { mean, std } = state.normalization;
  const info: ModelInfo = {
    format: 'fer-studio-model-info/1',
    runId: src.runId,
    model: state.config.model,
    classNames: [...src.classNames],
    input: { height: src.side, width: src.side, channels: src.channels ?? 1, layout: 'NHWC', dtype: 'float32' },
    preprocessing: { decode: decodeSteps(src.side, src.channels), normalization: { mean, std, formula: 'x = (pixel - mean) / std, pixel in 0..255' } },
    output: 'softmax probabilities, one per class, in classNames order',
    flipAverage: src.flipAverage,
    labelVersion: src.labelVersion,
    valAccuracy: src.valAccuracy,
    testAccuracy: src.testAccuracy,
    exportedAt: new Date().toISOString(),
  };
  return [
    { name: 'model.json', bytes: Buffer.from(JSON.stringify(modelJson)) },
    { name: 'weights.bin', bytes: bin },
    { name: MODEL_INFO_FILE, bytes: Buffer.from(JSON.stringify(info, null, 2) + '\n') },
  ];
}

/** Writes the files into `out` (new or empty folder) through a hidden folder beside it, renamed when complete. */
export async function writeModelFolder(files: readonly ExportFile[], out: string): Promise<void> {
  await assertFreeTarget(out);
  const tmp = partialPathFor(out);
  try {
    await mkdir(tmp);
    for (const f of files) await writeFile(join(tmp, f.name), f.bytes);
    await rmdir(out).catch(() => {}); // an empty target folder is replaced
    await rename(tmp, out);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}
