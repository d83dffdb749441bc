import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { followJob } from '../../../../src-main/cli/follow-job.ts';
import type { NoiseEvaluation, ReviewQueue, ScanSummary } from '../../../../src-main/core/api.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const datasets = process.env.FER_DATASETS ?? resolve(import.meta.dirname, '../../../../../shared/datasets');
const quietIo = { out: () => {}, err: () => {} };

// A real k-fold scan on real FER2013 rows, on the CPU engine, small enough to finish in a couple of minutes.
describe('label-noise scan on real FER2013 rows', () => {
  const tmp = tempDir();
  let studio: Studio;

  beforeAll(async () => {
    studio = new Studio(tmp.path('w.db'));
    await studio.call('importFer2013', { path: join(datasets, 'fer2013.csv.gz'), votesPath: join(datasets, 'fer2013new.csv') });
  });
  afterAll(async () => {
    await studio.close();
    tmp.cleanup();
  });

  it('scores every sample out-of-fold and ranks FER+ label errors above clean labels (AUROC > 0.6)', async () => {
    const { jobId, scanId } = (await studio.call('startScan', { limit: 2400, folds: 2, epochs: 4, seed: 3 })) as { jobId: string; scanId: number };
    const job = await followJob(studio, jobId, quietIo);
    expect(job.error ?? null).toBeNull();
    expect(job.state).toBe('done');
    const scan = ((await studio.call('listScans', {})) as ScanSummary[]).find((s) => s.id === scanId)!;
    expect(scan.scored).toBe(2400);
    const evaluation = (await studio.call('evalNoise', {})) as NoiseEvaluation;
    expect(evaluation.truthSamples).toBeGreaterThan(1500);
    expect(evaluation.auroc).toBeGreaterThan(0.6);
    const queue = (await studio.call('reviewQueue', { limit: 10 })) as ReviewQueue;
    expect(queue.total).toBeGreaterThan(0);
    expect(queue.items[0]!.rank).toBe(1);
  }, 600_000);
});
