import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainConfig } from '../../../../src-main/core/api/train-api.ts';
import { initEngine } from '../../../../src-main/core/ml/engine.ts';
import { CancelledError, lossAndAccuracy, trainModel } from '../../../../src-main/core/ml/train.ts';
import { LoadedModel } from '../../../../src-main/core/ml/trained-model.ts';
import { firstFerImageSet as ferSet } from '../../../helpers/fer-rows.ts';

const quick = (over: object) =>
  trainConfig.parse({ engine: 'wasm', batchSize: 16, optimizer: 'adam', learningRate: 0.002, schedule: 'constant', weightDecay: 0, earlyStoppingPatience: 0, augment: { flip: false, rotateDegrees: 0, shift: 0, scale: 0 }, ...over });

describe('trainModel on real FER2013 rows (wasm)', () => {
  it('a few epochs reduce the training loss; checkpoints reload to the same predictions', async () => {
    await initEngine('wasm');
    const set = await ferSet(64);
    const dir = mkdtempSync(join(tmpdir(), 'fer-train-'));
    try {
      const model = await trainModel({ config: quick({ epochs: 6, seed: 3 }), train: set, val: set, checkpointDir: dir });
      const probs = await model.predict(set);
      expect(model.history).toHaveLength(6);
      const [first, last] = [model.history[0]!, model.history.at(-1)!];
      expect(last.trainLoss).toBeLessThan(first.trainLoss * 0.85);
      expect(last.trainAccuracy).toBeGreaterThan(first.trainAccuracy);
      expect(lossAndAccuracy(probs, set.labels).accuracy).toBeCloseTo(Math.max(...model.history.map((h) => h.valAccuracy!)), 5); // best weights kept
      await model.save(join(dir, 'final'));
      const loaded = await LoadedModel.load(join(dir, 'final'));
      const again = await loaded.predict(set);
      for (let i = 0; i < probs.length; i++) expect(again[i]).toBeCloseTo(probs[i]!, 5);
      loaded.dispose();
      model.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('stops with a CancelledError when the signal aborts', async () => {
    await initEngine('wasm');
    const set = await ferSet(32);
    const controller = new AbortController();
    let batches = 0;
    const run = trainModel({
      config: quick({ epochs: 50, batchSize: 4 }),
      train: set,
      hooks: { signal: controller.signal, onBatch: () => (++batches === 1 ? controller.abort() : undefined) },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(batches).toBe(1);
  }, 60_000);

  it('rejects malformed image sets with a clear message', async () => {
    await expect(trainModel({ config: quick({ epochs: 1 }), train: { pixels: new Uint8Array(10), labels: new Int32Array(1), count: 1 } })).rejects.toThrow(/2304/);
  });
});
