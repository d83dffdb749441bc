import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import type { JobInfo, RunDetail, RunSummary, StudioEvent, Triplet } from '../../../../src-main/core/api.ts';
import { rowHolders } from '../../../../src-main/core/jobs/orphaned-rows.ts';
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

  /** Resolves once the job has reported a batch: training is under way. */
  const firstBatch = (jobId: string) =>
    new Promise<void>((resolve) => {
      const off = studio.subscribe((e) => {
        if (e.type === 'job' && e.job.id === jobId && e.job.progress.batch !== undefined) {
          off();
          resolve();
        }
      });
    });

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
    for (const metrics of [run.validation!, run.test!]) {
      const cell = (await studio.call('confusionSamples', { runId, split: metrics.split, trueLabel: 3, predictedLabel: 3 })) as number[];
      expect(cell.length).toBe(metrics.confusion[3]![3]!); // that split's samples only
      expect(cell.every((id) => studio.workspace.samples.get(id)!.split === metrics.split)).toBe(true);
    }
  }, 180_000);

  it('cancels mid-epoch within a batch and leaves no half-written rows', async () => {
    const { jobId, runId } = (await studio.call('startTrain', { epochs: 20, batchSize: 8, engine: 'wasm' })) as { jobId: string; runId: number };
    await firstBatch(jobId);
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
    // Cancelled inside its first epoch: no checkpoint yet, so nothing to resume.
    await expect(studio.call('resumeTrain', { runId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('no checkpoint') });
  }, 120_000);

  it('the worker outlives a Ctrl-C (SIGINT reaches the whole process group): the door cancels it cleanly instead', async () => {
    const { jobId, runId } = (await studio.call('startTrain', { epochs: 20, batchSize: 8, engine: 'wasm' })) as { jobId: string; runId: number };
    await firstBatch(jobId);
    const pid = rowHolders(tmp.path('w.db'), { kind: 'run', id: runId }).at(-1)!; // the door, then the worker
    process.kill(pid, 'SIGINT');
    await new Promise((r) => setTimeout(r, 1000));
    expect(((await studio.call('listJobs', {})) as JobInfo[]).find((j) => j.id === jobId)!.state).toBe('running');
    await studio.call('cancelJob', { jobId });
    expect((await ended(jobId)).state).toBe('cancelled');
    // the worker wrote its own end: with the time it ran (a killed worker's row gets none)
    const run = (await studio.call('getRun', { id: runId })) as RunDetail;
    expect(run.status).toBe('cancelled');
    expect(run.durationSeconds).toBeGreaterThan(0);
  }, 120_000);

  it('resumes a cancelled run from its last epoch with the same settings, and refuses what it cannot resume', async () => {
    const { jobId, runId } = (await studio.call('startTrain', { epochs: 4, batchSize: 24, engine: 'wasm', seed: 3, limit: 96 })) as { jobId: string; runId: number };
    await new Promise<void>((resolve) => {
      const off = studio.subscribe((e) => {
        if (e.type === 'epoch' && e.jobId === jobId) {
          off();
          resolve();
        }
      });
    });
    await studio.call('cancelJob', { jobId });
    expect((await ended(jobId)).state).toBe('cancelled');
    const before = (await studio.call('getRun', { id: runId })) as RunDetail;
    expect(before.status).toBe('cancelled');
    const kept = before.history;
    expect(kept.length).toBeGreaterThanOrEqual(1);
    expect(kept.length).toBeLessThan(4);

    const resumed = (await studio.call('resumeTrain', { runId })) as { jobId: string; runId: number };
    expect(resumed.runId).toBe(runId);
    const job = await ended(resumed.jobId);
    expect(job.error ?? null).toBeNull();
    const after = (await studio.call('getRun', { id: runId })) as RunDetail;
    expect(after.status).toBe('done');
    expect(after.config).toMatchObject({ epochs: 4, batchSize: 24, seed: 3, limit: 96, resumeRunId: runId });
    // the epochs before the cancel are kept as they were, not trained again
    expect(after.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(after.history.slice(0, kept.length)).toEqual(kept);
    expect(after.test).not.toBeNull();

    await expect(studio.call('resumeTrain', { runId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already finished') });
    await expect(studio.call('resumeTrain', { runId: 999 })).rejects.toMatchObject({ code: 'not-found' });

    // A cancelled run whose labels changed since it started is not resumed onto other labels.
    const second = (await studio.call('startTrain', { epochs: 3, batchSize: 24, engine: 'wasm', limit: 96 })) as { jobId: string; runId: number };
    await new Promise<void>((resolve) => {
      const off = studio.subscribe((e) => {
        if (e.type === 'epoch' && e.jobId === second.jobId) {
          off();
          resolve();
        }
      });
    });
    await studio.call('cancelJob', { jobId: second.jobId });
    await ended(second.jobId);
    const [first] = studio.workspace.db.prepare('SELECT id, label FROM samples LIMIT 1').all() as Array<{ id: number; label: number }>;
    await studio.call('setLabel', { ids: [first!.id], label: (first!.label + 1) % 7 });
    await expect(studio.call('resumeTrain', { runId: second.runId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Labels changed') });
  }, 240_000);
});
