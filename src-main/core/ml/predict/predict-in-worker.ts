import type { WorkerLauncher } from '../../jobs/job-runner.ts';
import { channelOf, lastLine } from '../../jobs/worker-channel.ts';
import { PREDICT_WORKER_ENTRY } from '../../jobs/worker-entries.ts';
import type { PredictReply, PredictRequest } from './predict-messages.ts';


/**
 * count x classes probabilities of the images by the model in `modelDir`, computed in a predict worker
 * started by `launch` (the Studio's launcher: a child process, or Electron's utilityProcess).
 */
export function predictInWorker(request: Omit<PredictRequest, 'type'>, launch: WorkerLauncher): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let stderr = '';
    const channel = channelOf<PredictRequest, PredictReply>(launch(PREDICT_WORKER_ENTRY, []));
    channel.onStderr((text) => (stderr = (stderr + text).slice(-2000)));
    channel.onMessage((m) => {
      if (settled) return;
      settled = true;
      if (m.type === 'result') resolve(m.probs);
      else reject(new Error(`Prediction failed: ${m.error}`));
    });
    channel.onExit((code) => {
      if (!settled) reject(new Error(`The predict worker ended unexpectedly (exit code ${code ?? 'none'}).${lastLine(stderr)}`));
      settled = true;
    });
    channel.send({ type: 'predict', ...request });
  });
}
