import { z } from 'zod';
import { localMethod, method } from './contract.ts';
import { filePath } from './schemas.ts';
import { UPLOAD_LIMITS } from '../../../src-common/upload-limits.ts';
import type { SkippedRow } from './workspace-api.ts';

/** What an exported model's model-info.json says: enough to feed the model from any TF.js program. */
export interface ModelInfo {
  format: 'fer-studio-model-info/1';
  runId: number;
  model: string;
  classNames: string[];                 // output i is the probability of classNames[i]
  input: { height: number; width: number; channels: number; layout: 'NHWC'; dtype: 'float32' };
  preprocessing: {
    decode: string;                     // how any image becomes height x width x channels 8-bit pixels
    normalization: { mean: number; std: number; formula: string };
  };
  output: string;
  /** The studio averages the probabilities of the image and its mirror image (test-time flip): do the same to match it. */
  flipAverage: boolean;
  labelVersion: number;
  valAccuracy: number | null;
  testAccuracy: number | null;
  exportedAt: string;
}

export interface ModelExportReport {
  out: string;
  runId: number;
  files: Array<{ name: string; bytes: number }>;
}

/** The exported model as one uncompressed zip, for a page to download (no path crosses the door). */
export interface ModelArchive {
  fileName: string;
  base64: string;
  bytes: number;
}

export interface ImagePrediction {
  file: string;                         // the name given (a path for the CLI, a file name for uploads)
  predicted: number;                    // class id of the highest probability
  probabilities: number[];              // per class id
}

export interface PredictionReport {
  runId: number;
  classNames: string[];
  flipAverage: boolean;
  predictions: ImagePrediction[];
  /** Files that could not be predicted, by name with the reason (never their contents). */
  errors: Required<Pick<SkippedRow, 'file' | 'reason'>>[];
  seconds: number;
}

export { UPLOAD_LIMITS };

const runId = z.number().int().positive();

export const modelApi = {
  exportModel: localMethod<ModelExportReport>()(
    "Writes a run's model as a standard TF.js layers model (model.json, weights.bin) with model-info.json into a new or empty folder.",
    z.object({ runId: runId.optional(), out: filePath }),
  ),
  modelArchive: method<ModelArchive>()("A run's exported model (model.json, weights.bin, model-info.json) as a zip, for download.", z.object({ runId })),
  predictFiles: localMethod<PredictionReport>()(
    "Class probabilities of image files (any format sharp reads; folders: the files in them) by a run's model; unreadable files are reported, the rest predicted.",
    z.object({ runId: runId.optional(), paths: z.array(filePath).min(1, 'give at least one image file or folder') }),
  ),
  predictUploads: {
    ...method<PredictionReport>()(
      "Class probabilities of uploaded images (bytes as base64) by a run's model; unreadable images are reported by name, the rest predicted.",
      z.object({
        runId,
        images: z
          .array(z.object({ name: z.string().min(1).max(255), base64: z.base64().max(Math.ceil(UPLOAD_LIMITS.imageBytes / 3) * 4, `an image may have at most ${UPLOAD_LIMITS.imageBytes / 1024 / 1024} MiB`) }))
          .min(1, 'give at least one image')
          .max(UPLOAD_LIMITS.images, `at most ${UPLOAD_LIMITS.images} images a call`),
      }),
    ),
    // base64 is 4/3 of the bytes; the rest of the JSON is names and punctuation.
    bodyBytes: Math.ceil(UPLOAD_LIMITS.callBytes / 3) * 4 + 64 * 1024,
  },
};
