import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import type { JobInfo, RunDetail, RunSummary, StudioEvent, Triplet } from '../../../../src-main/core/api.ts';
import { stratifiedFerRows, writeFerCsv } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

// Real FER2013 rows through the real JobRunner and worker process, on the wasm engine.
describe('train job (worker process) on real FER2013 rows', () => {
  const tmp = tempDir();
  let studio: Studio;

  beforeAll(async () => {
    const rows = [
      ...(await stratifiedFerRows(24, { split: 'Training' })),
      ...(await stratifiedFerRows(8, { split: 'PublicTest' })),
      ...(await stratifiedFerRows(8, { split: 'PrivateTest' })),
    ];
    writeFerCsv(tmp.path('fer.csv'), rows);
    studio = new Studio(tmp.path('w.db'));
    await studio.call('importFer2013', { path: tmp.path('fer.csv') });
  });
  afterAll(async () => {
    await studio.close();
    tmp.cleanup();
  });

  const ended = (jobId: string) => studio.jobs.whenEnded(jobId);

  it('trains, evaluates and stores epochs, predictions and triplets', async () => {
    const events: StudioEvent[] = [];
    const off = studio.subscribe((e) => events.push(e));
    const { jobId, runId } = (await studio.call('startTrain', { epochs: 2, batchSize: 24, engine: 'wasm', seed: 1 })) as { jobId: string; runId: number };
    const job = await ended(jobId);
    off();
    expect(job.error ?? null).toBeNull();
    expect(job.state).toBe('done');
    const run = (await studio.call('getRun', { id: runId })) as RunDetail;
    expect(run.status).toBe('done');
    expect(run.engineReport.selected).toBe('wasm');
    expect(run.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(run.validation!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(56);
    expect(run.test!.perClass).toHaveLength(7);
    expect(events.some((e) => e.type === 'epoch' && e.jobId === jobId && e.runId === runId)).toBe(true);
    expect(events.some((e) => e.type === 'job' && e.job.id === jobId && e.job.progress.phase === 'training')).toBe(true);
    const n = studio.workspace.db.prepare('SELECT COUNT(*) AS n FROM predictions WHERE run_id = ?').get(runId) as { n: number };
    expect(n.n).toBe(112);
    const triplets = (await studio.call('triplets', { runId })) as Triplet[];
    const wrong = 112 - Math.round(run.validation!.accuracy * 56) - Math.round(run.test!.accuracy * 56);
    expect(triplets.length).toBe(Math.min(50, wrong));
    expect(existsSync(join(`${tmp.path('w.db')}.runs`, String(runId), 'model', 'model.json'))).toBe(true);
    const cell = (await studio.call('confusionSamples', { runId, trueLabel: 3, predictedLabel: 3 })) as number[];
    expect(cell.length).toBe(run.validation!.confusion[3]![3]! + run.test!.confusion[3]![3]!);
  }, 180_000);

  it('cancels mid-epoch within a batch and leaves no half-written rows', async () => {
    const { jobId, runId } = (await studio.call('startTrain', { epochs: 20, batchSize: 8, engine: 'wasm' })) as { jobId: string; runId: number };
    await new Promise<void>((resolve) => {
      const off = studio.subscribe((e) => {
        if (e.type === 'job' && e.job.id === jobId && e.job.progress.batch !== undefined) {
          off();
          resolve();
        }
      });
    });
    const asked = Date.now();
    expect(await studio.call('cancelJob', { jobId })).toEqual({ cancelled: true });
    const job: JobInfo = await ended(jobId);
    expect(job.state).toBe('cancelled');
    expect(Date.now() - asked).toBeLessThan(15_000);
    const run = ((await studio.call('listRuns', {})) as RunSummary[]).find((r) => r.id === runId)!;
    expect(run.status).toBe('cancelled');
    const db = studio.workspace.db;
    expect((db.prepare('SELECT COUNT(*) AS n FROM predictions WHERE run_id = ?').get(runId) as { n: number }).n).toBe(0);
    expect((db.prepare('SELECT COUNT(*) AS n FROM triplets WHERE run_id = ?').get(runId) as { n: number }).n).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 120_000);
});
