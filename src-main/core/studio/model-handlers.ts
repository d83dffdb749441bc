import type { Handlers } from '../api/contract.ts';
import { StudioError } from '../api/contract.ts';
import type { modelApi, PredictionReport } from '../api/model-api.ts';
import type { RunDetail } from '../api/train-api.ts';
import { hasCheckpoint } from '../ml/checkpoint-files.ts';
import { argmaxRows } from '../ml/evaluate.ts';
import { standardModelFiles, writeModelFolder, type ExportSource } from '../ml/export/export-model.ts';
import { storedZip } from '../ml/export/stored-zip.ts';
import { decodeImages, imageFilesAt, type FileProblem, type ImageSource } from '../ml/predict/image-inputs.ts';
import { predictInWorker } from '../ml/predict/predict-in-worker.ts';
import { latestRunId } from '../store/latest.ts';
import { RunStore, runModelDir } from '../store/runs.ts';
import type { StudioContext } from './context.ts';

/** A run's model outside the studio: exported as standard TF.js files, and predicting images given by path or upload. */
export function modelHandlers(ctx: StudioContext): Handlers<typeof modelApi> {
  const runs = new RunStore(ctx.workspace.db);

  /** A finished run whose model is on disk (latest finished when no id is given). */
  const finishedModel = (id: number | undefined): ExportSource & { run: RunDetail } => {
    const runId = id ?? latestRunId(ctx.workspace.db);
    if (runId === null) throw new StudioError('not-found', 'No finished training run yet. Train a model first (Train view, or `fer-studio train`).');
    const run = runs.get(runId);
    if (!run) throw new StudioError('not-found', `No run with id ${runId}.`);
    if (run.status !== 'done') throw new StudioError('conflict', `Run ${runId} is ${run.status}: only a finished run has a model.`);
    const modelDir = runModelDir(ctx.workspace.path, runId);
    if (!hasCheckpoint(modelDir)) throw new StudioError('conflict', `Run ${runId} has no saved model (its files were removed?).`);
    const { classes, side, channels, mirrorable } = ctx.workspace.dataset;
    // A run recorded before its dataset said it is not mirrorable may carry ttaFlip: the dataset wins.
    const flipAverage = run.config.ttaFlip && mirrorable;
    return { run, runId, modelDir, labelVersion: run.labelVersion, valAccuracy: run.valAccuracy, testAccuracy: run.testAccuracy, classNames: classes, side, channels, flipAverage };
  };

  const predict = async (id: number | undefined, sources: readonly ImageSource[], earlier: readonly FileProblem[]): Promise<PredictionReport> => {
    const started = performance.now();
    const { runId, modelDir, classNames, side, channels, flipAverage } = finishedModel(id);
    const decoded = await decodeImages(sources, side, channels);
    const errors = [...earlier, ...decoded.errors];
    const count = decoded.names.length;
    // Nothing readable: the report lists why, and no worker starts.
    const probs = count === 0 ? new Float32Array(0) : await predictInWorker({ modelDir, pixels: decoded.pixels, count, side, channels, flipAverage }, ctx.jobs.launchWorker);
    const K = classNames.length;
    const top = argmaxRows(probs, K);
    return {
      runId,
      classNames: [...classNames],
      flipAverage,
      predictions: decoded.names.map((file, i) => ({ file, predicted: top[i]!, probabilities: Array.from(probs.subarray(i * K, (i + 1) * K)) })),
      errors,
      seconds: (performance.now() - started) / 1000,
    };
  };

  return {
    exportModel: async ({ runId, out }) => {
      const src = finishedModel(runId);
      const files = await standardModelFiles(src);
      await writeModelFolder(files, out);
      return { out, runId: src.runId, files: files.map((f) => ({ name: f.name, bytes: f.bytes.length })) };
    },

    modelArchive: async ({ runId }) => {
      const src = finishedModel(runId);
      const zip = storedZip(await standardModelFiles(src));
      return { fileName: `fer-studio-run-${src.runId}-${src.run.model}.zip`, base64: zip.toString('base64'), bytes: zip.length };
    },

    predictFiles: async ({ runId, paths }) => {
      finishedModel(runId); // a missing run is reported before any file is read
      const { sources, errors } = await imageFilesAt(paths);
      return predict(runId, sources, errors);
    },

    predictUploads: ({ runId, images }) =>
      predict(
        runId,
        images.map((img) => ({ name: img.name, bytes: async () => Buffer.from(img.base64, 'base64') })),
        [],
      ),
  };
}
