/**
 * A short-lived process that loads a run's model and predicts the images it is sent: the door that asked
 * (CLI, HTTP server, Electron) never loads TF.js or its backends itself. Same engine choice and prediction
 * code as a run's own evaluation (initEngine, LoadedModel.predict).
 */
import { initEngine } from '../engine.ts';
import { LoadedModel } from '../trained-model.ts';
import type { PredictReply, PredictRequest } from './predict-messages.ts';

const reply = (m: PredictReply): Promise<void> => new Promise((resolve) => (process.send ? process.send(m, () => resolve()) : resolve()));

process.once('message', (raw) => {
  void (async () => {
    const m = raw as PredictRequest;
    try {
      await initEngine('auto');
      const model = await LoadedModel.load(m.modelDir);
      const probs = await model.predict({ pixels: m.pixels, labels: new Int32Array(m.count), count: m.count }, { ttaFlip: m.flipAverage });
      model.dispose();
      await reply({ type: 'result', probs });
    } catch (e) {
      await reply({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
    }
    process.disconnect();
  })();
});
// The door went away: nobody waits for the answer.
process.on('disconnect', () => process.exit(0));
