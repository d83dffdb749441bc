import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchNodeWorker } from '../../jobs/launch-node-worker.ts';
import { lastLine } from '../../jobs/worker-channel.ts';
import type { PredictReply, PredictRequest } from './predict-messages.ts';

export const PREDICT_WORKER_ENTRY = fileURLToPath(new URL('./predict-worker.ts', import.meta.url));

/** count x classes probabilities of the images by the model in `modelDir`, computed in a predict worker. */
export function predictInWorker(request: Omit<PredictRequest, 'type'>, launch: (entry: string, args: string[]) => unknown = launchNodeWorker): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const child = launch(PREDICT_WORKER_ENTRY, []) as ChildProcess;
    let stderr = '';
    let settled = false;
    child.stderr?.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-2000)));
    child.on('message', (raw) => {
      const m = raw as PredictReply;
      settled = true;
      if (m.type === 'result') resolve(m.probs);
      else reject(new Error(`Prediction failed: ${m.error}`));
    });
    child.on('error', (e) => {
      settled = true;
      reject(new Error(`Cannot start the predict worker: ${e.message}`));
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`The predict worker ended unexpectedly (exit code ${code ?? 'none'}).${lastLine(stderr)}`));
    });
    child.send({ type: 'predict', ...request } satisfies PredictRequest);
  });
}
