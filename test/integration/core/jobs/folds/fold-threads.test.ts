import { describe, expect, it } from 'vitest';
import { scanConfig } from '../../../../../src-main/core/api/noise-api.ts';
import { NUM_CLASSES } from '../../../../../src-common/classes.ts';
import { runFoldPool, type FoldPoolOptions } from '../../../../../src-main/core/jobs/folds/fold-pool.ts';
import { launchThreadWorker } from '../../../../../src-main/core/jobs/folds/launch-thread-worker.ts';
import { launchNodeWorker } from '../../../../../src-main/core/jobs/launch-node-worker.ts';
import { stratifiedFolds } from '../../../../../src-main/core/ml/noise/folds.ts';
import { firstFerImageSet } from '../../../../helpers/fer-rows.ts';
import { tempDir } from '../../../../helpers/temp-workspace.ts';

/**
 * The desktop app ships with Electron's RunAsNode fuse off, so its fold workers are worker threads of the scan's
 * process (issue 18, item 5). Two threads train two folds at once on real FER2013 rows, each with a native kernel
 * pool of 2 threads (one pool per JavaScript thread: with a shared pool, concurrent calls clobbered each other's
 * work), and score exactly what two child processes score.
 */
const engine = process.env.FER_NATIVE === 'off' ? 'wasm' : 'native';

describe('fold workers as threads (the packaged app) and as processes (the CLI, the server)', () => {
  it('train two folds at once and return the same out-of-fold probabilities', async () => {
    const set = await firstFerImageSet(420);
    const config = scanConfig.parse({ model: 'cnn-tiny', engine, folds: 2, epochs: 1, seed: 5 });
    const folds = stratifiedFolds(set.labels, config.folds, config.seed);
    const tmp = tempDir('fer-fold-threads-');
    const run = (name: string, launch: NonNullable<FoldPoolOptions['launch']>) =>
      runFoldPool({
        config, set, folds, rounds: [0, 1], workers: 2, modelDirs: [tmp.path(`${name}-0`), tmp.path(`${name}-1`)],
        signal: new AbortController().signal, onBatch: () => {}, onEpoch: () => {},
        // two kernel threads per worker even on 2 cores, so each pool really runs threads while the other does too
        launch: (entry, args) => launch(entry, [...args.filter((a) => !a.startsWith('--native-threads=')), '--native-threads=2']),
      });
    try {
      const threads = await run('thread', launchThreadWorker);
      const processes = await run('process', launchNodeWorker);
      for (const round of [0, 1]) {
        const a = threads.get(round)!;
        const b = processes.get(round)!;
        expect(a.length).toBe(b.length);
        expect(a.length).toBeGreaterThan(150 * NUM_CLASSES);
        let worst = 0;
        for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
        expect(worst, `round ${round}: largest probability difference`).toBeLessThan(1e-4);
        for (let i = 0; i < a.length; i += NUM_CLASSES) expect(a.subarray(i, i + NUM_CLASSES).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 4);
      }
    } finally {
      tmp.cleanup();
    }
  }, 180_000);
});
