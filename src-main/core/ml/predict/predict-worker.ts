/**
 * A short-lived process that loads a run's model and predicts the images it is sent: the door that asked
 * (CLI, HTTP server, Electron) never loads TF.js or its backends itself. Same engine choice and prediction
 * code as a run's own evaluation (initEngine, LoadedModel.predict). Started by the Studio's worker launcher:
 * a Node child process, or a utilityProcess in Electron.
 */
import { parentChannel } from '../../jobs/parent-port.ts';
import { initEngine } from '../engine.ts';
import { LoadedModel } from '../trained-model.ts';
import type { PredictReply, PredictRequest } from './predict-messages.ts';

const { send, onMessage } = parentChannel<PredictRequest, PredictReply>();
let started = false;

onMessage((m) => {
  if (m.type !== 'predict' || started) return;
  started = true;
  void (async () => {
    let exitCode = 0;
    try {
      await initEngine('auto');
      const model = await LoadedModel.load(m.modelDir);
      const probs = await model.predict({ pixels: m.pixels, labels: new Int32Array(m.count), count: m.count, side: m.side, channels: m.channels ?? 1 }, { ttaFlip: m.flipAverage });
      model.dispose();
      send({ type: 'result', probs });
    } catch (e) {
      exitCode = 1;
      send({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
    // Give the answer time to leave, then exit (engines may hold handles open).
    setTimeout(() => process.exit(exitCode), 100);
  })();
});
// The door went away: nobody waits for the answer.
process.on('disconnect', () => process.exit(0));
