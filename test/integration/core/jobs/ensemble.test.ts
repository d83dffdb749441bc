import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../src-main/core/api.ts';
import { followJob } from '../../../../src-main/cli/follow-job.ts';
import { initEngine } from '../../../../src-main/core/ml/engine.ts';
import { evaluate } from '../../../../src-main/core/ml/evaluate.ts';
import { loadScanSet } from '../../../../src-main/core/ml/noise/scan-data.ts';
import { LoadedModel } from '../../../../src-main/core/ml/trained-model.ts';
import { scanFoldModelDir } from '../../../../src-main/core/store/scans.ts';
import { localClient } from '../../../../src-main/core/studio/local-client.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { cli } from '../../../helpers/capture-io.ts';
import { stratifiedFerRows, writeFerCsv, writeFerPlusVotes } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const tmp = tempDir();
const quietIo = { out: () => {}, err: () => {} };
let studio: Studio;

beforeAll(async () => {
  const rows = [
    ...(await stratifiedFerRows(40, { split: 'Training' })),
    ...(await stratifiedFerRows(6, { split: 'PublicTest' })),
    ...(await stratifiedFerRows(6, { split: 'PrivateTest' })),
  ];
  writeFerCsv(tmp.path('fer.csv'), rows);
  writeFerPlusVotes(tmp.path('votes.csv'), rows);
  studio = new Studio(tmp.path('w.db'));
  await studio.call('importFer2013', { path: tmp.path('fer.csv'), votesPath: tmp.path('votes.csv') });
});
afterAll(async () => {
  await studio.close();
  tmp.cleanup();
});

// A 2-fold cnn-tiny scan in two fold workers keeps its fold models; the ensemble is evaluated as a run of its own.
describe("a scan's fold ensemble as a model", () => {
  it('keeps the fold models, evaluates their average on PublicTest and PrivateTest as a run, and offers it to fine-tune', async () => {
    const api = localClient(studio);
    await expect(api.evaluateEnsemble({})).rejects.toThrow(/No finished scan yet/);
    const { jobId, scanId } = await api.startScan({ model: 'cnn-tiny', folds: 2, epochs: 1, workers: 2, seed: 5 });
    expect((await followJob(studio, jobId, quietIo)).state).toBe('done');
    const dirs = [0, 1].map((r) => scanFoldModelDir(studio.workspace.path, scanId, r));
    for (const d of dirs) expect(existsSync(d), d).toBe(true);

    // through the CLI door, on its own connection to the workspace
    const r = await cli('ensemble', '--scan', String(scanId), '--json', '--workspace', tmp.path('w.db'));
    expect(r.code, r.err.join('\n')).toBe(0);
    const { run } = r.json() as { run: RunDetail };
    expect(run).toMatchObject({ kind: 'ensemble', status: 'done', model: 'cnn-tiny', epochs: 0 });
    expect(run.validation!.split).toBe('PublicTest');
    expect(run.test!.split).toBe('PrivateTest');
    expect(run.ferPlus.available).toBe(true);

    // The run's figures are those of the two fold models' averaged probabilities (flip-averaged, as the scan scored).
    await initEngine('auto');
    const models = await Promise.all(dirs.map((d) => LoadedModel.load(d)));
    try {
      for (const [split, metrics] of [['PublicTest', run.validation!], ['PrivateTest', run.test!]] as const) {
        const set = loadScanSet(studio.workspace, { split, seed: 42 });
        const [a, b] = await Promise.all(models.map((m) => m.predict(set, { ttaFlip: true })));
        const mean = a!.map((x, i) => (x + b![i]!) / 2);
        const expected = evaluate(split, mean, set.labels);
        expect(metrics.accuracy).toBeCloseTo(expected.accuracy, 6);
        expect(metrics.confusion).toEqual(expected.confusion);
      }
    } finally {
      for (const m of models) m.dispose();
    }

    // Its model (fold 1's) can start a fine-tune: the retrain plan offers it.
    const plan = await api.planRetrain({ model: 'cnn-tiny', epochs: 3 });
    expect(plan.options.map((o) => o.kind)).toEqual(['scratch', 'fine-tune']);
    expect(plan.options[1]!.input).toMatchObject({ initFromRunId: run.id });
  }, 300_000);

  it('refuses a scan that is not finished or that kept no fold models, saying why', async () => {
    const api = localClient(studio);
    await expect(api.evaluateEnsemble({ scanId: 99 })).rejects.toThrow('No scan with id 99.');
  });
});
