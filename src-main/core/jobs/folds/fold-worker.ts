/**
 * A fold worker: trains the rounds of a scan it is given, one after another, and sends back the held-out
 * probabilities. The scan task runs several at once so a CPU scan uses every core (wasm runs one thread per
 * worker). Started with Node's fork (advanced serialization carries the typed arrays), or in the desktop app as
 * a worker thread (structured clone does), since there no Node child can be forked (launch-thread-worker.ts).
 */
import { isMainThread } from 'node:worker_threads';
import type { ScanConfig } from '../../api/noise-api.ts';
import { initEngine } from '../../ml/engine.ts';
import type { ImageSet } from '../../ml/train.ts';
import { foldPlans, trainFold, type FoldPlan } from '../../ml/noise/train-fold.ts';
import type { FromFoldWorker, ToFoldWorker } from './fold-messages.ts';
import { parentChannel } from '../parent-port.ts';

// Set before the engine loads: the native kernels read it once (see fold-pool.ts).
const threadsArg = process.argv.find((a) => a.startsWith('--native-threads='));
if (threadsArg) process.env.FER_NATIVE_THREADS = threadsArg.split('=')[1];

const { send, onMessage } = parentChannel<ToFoldWorker, FromFoldWorker>();
const controller = new AbortController();
let data: { config: ScanConfig; set: ImageSet; plans: FoldPlan[]; modelDirs: string[]; embed: boolean } | null = null;
let queue: Promise<void> = Promise.resolve();

onMessage((m) => {
  if (m.type === 'cancel') controller.abort();
  else if (m.type === 'init') {
    data = { config: m.config, set: { pixels: m.pixels, labels: m.labels, count: m.labels.length, side: m.side, classes: m.classes, channels: m.channels, mirrorable: m.mirrorable }, plans: foldPlans(m.config, m.folds), modelDirs: m.modelDirs, embed: m.embed };
  } else if (m.type === 'round') queue = queue.then(() => runRound(m.round));
});
if (isMainThread) {
  // Ctrl-C reaches the whole process group: the scan task decides (see worker.ts).
  process.on('SIGINT', () => {});
  // The scan task went away: stop instead of training for nobody. (A thread is terminated by its scan task.)
  process.on('disconnect', () => {
    controller.abort();
    setTimeout(() => process.exit(0), 100);
  });
}

async function runRound(round: number): Promise<void> {
  if (controller.signal.aborted) return;
  try {
    if (!data) throw new Error('fold worker: a round came before the data.');
    const plan = data.plans[round];
    if (!plan) throw new Error(`fold worker: no round ${round}.`);
    await initEngine(data.config.engine, data.config.precision);
    const { probs, embedding, seconds } = await trainFold(data.config, data.set, plan, round, {
      signal: controller.signal,
      onBatch: (b) => send({ type: 'batch', round, ...b }),
      onEpoch: (metrics) => send({ type: 'epoch', round, metrics }),
    }, data.modelDirs[round], data.embed);
    send({ type: 'result', round, probs, embedding, seconds });
  } catch (e) {
    if (!controller.signal.aborted) send({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
}
