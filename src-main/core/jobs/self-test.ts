/**
 * `worker.cjs --self-test` (and `fold-worker.cjs --self-test`): proves a built worker runs on its own. It picks an
 * engine, trains cnn-tiny for one epoch on 32 synthetic images and prints one JSON line: the engine, the loss, and
 * every module file the process loaded that is TypeScript or tsx (none in a correct bundle). Exit 0 when it trained.
 */
import { createRequire } from 'node:module';
import { IMAGE_PIXELS, NUM_CLASSES } from '../../../src-common/classes.ts';
import { trainConfig } from '../api/train-api.ts';
import { initEngine } from '../ml/engine.ts';
import { trainModel } from '../ml/train.ts';

export const SELF_TEST_FLAG = '--self-test';

export interface SelfTestReport {
  ok: boolean;
  engine: string;
  loss: number | null;
  /** Loaded modules that are .ts/.mts/.cts files or belong to tsx: a bundle that needs them is broken. */
  sourceModules: string[];
  error?: string;
}

export async function selfTest(): Promise<SelfTestReport> {
  let engine = 'none';
  try {
    engine = (await initEngine('auto')).selected;
    const count = 32;
    const pixels = new Uint8Array(count * IMAGE_PIXELS);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24; // deterministic, not constant
    const labels = Int32Array.from({ length: count }, (_, i) => i % NUM_CLASSES);
    const config = trainConfig.parse({ model: 'cnn-tiny', epochs: 1, batchSize: 16, earlyStoppingPatience: 0 });
    const model = await trainModel({ config, train: { pixels, labels, count } });
    const loss = model.history.at(-1)?.trainLoss ?? null;
    model.dispose();
    return { ok: loss !== null && Number.isFinite(loss), engine, loss, sourceModules: sourceModules() };
  } catch (e) {
    return { ok: false, engine, loss: null, sourceModules: sourceModules(), error: e instanceof Error ? e.message : String(e) };
  }
}

const isSource = (f: string): boolean => /\.[cm]?ts$/.test(f) || /[\\/]tsx[\\/]|^tsx$/.test(f);

/** The entry file, loader flags and CommonJS modules of this process that are TypeScript sources or tsx itself. */
function sourceModules(): string[] {
  const cache = createRequire(import.meta.url).cache;
  return [process.argv[1] ?? '', ...process.execArgv, ...Object.keys(cache)].filter(isSource);
}
