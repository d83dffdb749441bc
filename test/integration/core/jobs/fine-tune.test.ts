import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { localClient } from '../../../../src-main/core/studio/local-client.ts';
import type { StudioClient } from '../../../../src-main/core/api.ts';
import { stratifiedFerRows, writeFerCsv } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

// Fine-tuning a finished run on real FER2013 rows, through the real worker, on the wasm engine.
describe('fine-tune: a run that starts from a finished run\'s model', () => {
  const tmp = tempDir();
  let studio: Studio;
  let api: StudioClient;
  // 48 training images learned quickly (a high constant rate, no augmentation), so the base run's loss falls far in a few epochs.
  const recipe = { model: 'cnn-tiny', engine: 'wasm', batchSize: 16, seed: 3, schedule: 'constant', learningRate: 0.003, limit: 48, augment: { flip: false, rotateDegrees: 0, shift: 0, scale: 0 } } as const;
  const train = async (input: Parameters<StudioClient['startTrain']>[0]) => {
    const { jobId, runId } = await api.startTrain(input);
    const job = await studio.jobs.whenEnded(jobId);
    expect(job.error ?? null).toBeNull();
    return api.getRun({ id: runId });
  };

  beforeAll(async () => {
    const rows = [...(await stratifiedFerRows(24, { split: 'Training' })), ...(await stratifiedFerRows(4, { split: 'PublicTest' })), ...(await stratifiedFerRows(4, { split: 'PrivateTest' }))];
    writeFerCsv(tmp.path('fer.csv'), rows);
    studio = new Studio(tmp.path('w.db'));
    api = localClient(studio);
    await api.importFer2013({ path: tmp.path('fer.csv') });
  });
  afterAll(async () => {
    await studio.close();
    tmp.cleanup();
  });

  it('keeps what the base run learned: its first epoch starts far below a fresh run\'s', async () => {
    const plan0 = await api.planRetrain({ ...recipe, epochs: 1 });
    expect(plan0.options.map((o) => o.kind)).toEqual(['scratch']);
    expect(plan0.fineTuneUnavailable).toMatch(/No finished cnn-tiny run to fine-tune yet/);
    expect(plan0.options[0]!.trainSamples).toBe(48);
    expect(plan0.options[0]!.basis).toMatch(/benchmark figure for cnn-tiny/);

    const base = await train({ ...recipe, epochs: 15 });
    const fresh = await train({ ...recipe, epochs: 1 });
    const tuned = await train({ ...recipe, epochs: 1, initFromRunId: base.id });
    expect(tuned.config.initFromRunId).toBe(base.id);
    const firstLoss = (r: typeof base) => r.history[0]!.trainLoss;
    expect(firstLoss(base)).toBeGreaterThan(base.history.at(-1)!.trainLoss + 0.1); // the base run learned something
    expect(firstLoss(tuned)).toBeLessThan(firstLoss(fresh) - 0.1);

    // Now a fine-tune is offered, from the newest finished cnn-tiny run, with a time measured on this workspace.
    const plan = await api.planRetrain({ ...recipe, epochs: 15 });
    const fine = plan.options.find((o) => o.kind === 'fine-tune')!;
    expect(fine.input).toMatchObject({ initFromRunId: tuned.id, epochs: 3, model: 'cnn-tiny' });
    expect(fine.input.learningRate).toBeCloseTo(0.003 * 0.3);
    expect(fine.basis).toMatch(new RegExp(`speed of run ${tuned.id}`));
    expect(fine.estimateSeconds).toBeLessThan(plan.options[0]!.estimateSeconds);
  }, 240_000);

  it('refuses a base run of another model, or one that does not exist', async () => {
    const runs = await api.listRuns({});
    await expect(api.startTrain({ ...recipe, model: 'cnn-small', epochs: 1, initFromRunId: runs[0]!.id })).rejects.toThrow(/trained cnn-tiny, not cnn-small/);
    await expect(api.startTrain({ ...recipe, epochs: 1, initFromRunId: 999 })).rejects.toThrow(/No run with id 999/);
  });
});
