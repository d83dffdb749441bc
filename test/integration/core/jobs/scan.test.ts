import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { followJob } from '../../../../src-main/cli/follow-job.ts';
import type { JobInfo, NoiseEvaluation, ReviewQueue, SampleDetail, ScanSummary, StudioEvent } from '../../../../src-main/core/api.ts';
import { NeighbourStore } from '../../../../src-main/core/store/scan-neighbours.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const datasets = process.env.FER_DATASETS ?? resolve(import.meta.dirname, '../../../../../shared/datasets');
const quietIo = { out: () => {}, err: () => {} };

// Real k-fold scans on real FER2013 rows on the engine `auto` picks here (native; wasm where the addon is
// turned off), with the folds in two worker processes, small enough (cnn-tiny, 2,400 rows, 2 folds) to
// finish in well under a minute on 2 cores.
const expectedEngine = process.env.FER_NATIVE === 'off' ? 'wasm' : 'native';
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

  it('scores every sample out-of-fold in parallel fold workers and ranks FER+ label errors above clean labels (AUROC > 0.6)', async () => {
    const phases = new Set<string>();
    const unsubscribe = studio.subscribe((e: StudioEvent) => {
      if (e.type === 'job') phases.add(e.job.progress.phase);
    });
    const { jobId, scanId } = (await studio.call('startScan', { model: 'cnn-tiny', limit: 2400, folds: 2, epochs: 4, seed: 3, workers: 2 })) as { jobId: string; scanId: number };
    const job = await followJob(studio, jobId, quietIo);
    unsubscribe();
    expect(job.error ?? null).toBeNull();
    expect(job.state).toBe('done');
    expect([...phases].some((p) => /\(2 in parallel\)/.test(p))).toBe(true);
    const scan = ((await studio.call('listScans', {})) as ScanSummary[]).find((s) => s.id === scanId)!;
    expect(scan).toMatchObject({ status: 'done', scored: 2400, model: 'cnn-tiny', engine: expectedEngine });
    // where its time went: two folds side by side, so their summed training outlasts their wall clock's share
    const t = scan.timing!;
    expect(Object.values(t).every((s) => s >= 0)).toBe(true);
    expect(t.training).toBeGreaterThan(t.scoring);
    expect(t.rounds).toBeGreaterThan(t.training / 2);
    expect(t.rounds).toBeLessThan(t.training + t.scoring + t.saving + 30); // + the workers' start and the data sent
    const timed = t.load + t.rounds + t.lookAlikes + t.ranking + t.writing;
    expect(timed).toBeLessThanOrEqual(scan.durationSeconds! + 0.01);
    expect(timed).toBeGreaterThan(scan.durationSeconds! * 0.8); // the engine's start is the rest
    const evaluation = (await studio.call('evalNoise', {})) as NoiseEvaluation;
    expect(evaluation.truthSamples).toBeGreaterThan(1500);
    expect(evaluation.auroc).toBeGreaterThan(0.6);
    const queue = (await studio.call('reviewQueue', { limit: 10 })) as ReviewQueue;
    expect(queue.total).toBeGreaterThan(0);
    expect(queue.items[0]!.rank).toBe(1);
    expect(queue.items[0]!.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);

    // Every scored sample's 10 nearest look-alikes, found in its own fold (one model that never saw any of them),
    // most similar first, never itself; the sample panel shows them with their current labels.
    const folds = new Map((studio.workspace.db.prepare('SELECT sample_id AS id, fold FROM scan_scores WHERE scan_id = ?').all(scanId) as Array<{ id: number; fold: number }>).map((r) => [r.id, r.fold]));
    const store = new NeighbourStore(studio.workspace.db);
    for (const id of [...folds.keys()].filter((_, i) => i % 97 === 0)) {
      const nb = store.of(scanId, id)!;
      expect(nb.ids).toHaveLength(10);
      expect([...nb.ids]).not.toContain(id);
      expect([...nb.ids].every((n) => folds.get(n) === folds.get(id))).toBe(true);
      for (let i = 1; i < 10; i++) expect(nb.similarity[i]!).toBeLessThanOrEqual(nb.similarity[i - 1]!);
    }
    const first = queue.items[0]!.sampleId;
    const detail = (await studio.call('getSample', { id: first })) as SampleDetail;
    expect(detail.neighbours).toMatchObject({ scanId });
    expect(detail.neighbours!.items.map((n) => n.sampleId)).toEqual([...store.of(scanId, first)!.ids]);
    expect(detail.neighbours!.items.every((n) => n.label === studio.workspace.samples.get(n.sampleId)!.label)).toBe(true);
  }, 300_000);

  it('cancels a parallel scan: the workers stop, the scan is marked cancelled and writes no scores', async () => {
    const before = (await studio.call('listScans', {})) as ScanSummary[];
    const { jobId, scanId } = (await studio.call('startScan', { model: 'cnn-tiny', limit: 1400, folds: 2, epochs: 3, seed: 4, workers: 2 })) as { jobId: string; scanId: number };
    const training = new Promise<void>((done) => {
      const unsubscribe = studio.subscribe((e: StudioEvent) => {
        if (e.type === 'job' && e.job.id === jobId && e.job.progress.batch !== undefined) {
          unsubscribe();
          done();
        }
      });
    });
    await training;
    await studio.call('cancelJob', { jobId });
    const job = (await followJob(studio, jobId, quietIo)) as JobInfo;
    expect(job.state).toBe('cancelled');
    const scans = (await studio.call('listScans', {})) as ScanSummary[];
    expect(scans.find((s) => s.id === scanId)).toMatchObject({ status: 'cancelled', scored: 0 });
    // The review queue still comes from the last finished scan.
    expect(((await studio.call('reviewQueue', { limit: 1 })) as ReviewQueue).scanId).toBe(before[0]!.id);
  }, 120_000);

  it('a cancelled scan resumes: the folds it finished are kept, only the others train, and the scores match an uninterrupted scan', async () => {
    const config = { model: 'cnn-tiny', limit: 600, folds: 3, epochs: 1, seed: 9, workers: 1 };
    const whole = (await studio.call('startScan', config)) as { jobId: string; scanId: number };
    expect((await followJob(studio, whole.jobId, quietIo)).state).toBe('done');

    const { jobId, scanId } = (await studio.call('startScan', config)) as { jobId: string; scanId: number };
    // One fold at a time (workers: 1): a batch of fold 2 means fold 1 is done and stored.
    await new Promise<void>((done) => {
      const unsubscribe = studio.subscribe((e: StudioEvent) => {
        if (e.type === 'job' && e.job.id === jobId && e.job.progress.fold === 2 && e.job.progress.batch !== undefined) {
          unsubscribe();
          done();
        }
      });
    });
    await studio.call('cancelJob', { jobId });
    expect((await followJob(studio, jobId, quietIo)).state).toBe('cancelled');
    const cancelled = ((await studio.call('listScans', {})) as ScanSummary[]).find((s) => s.id === scanId)!;
    expect(cancelled).toMatchObject({ status: 'cancelled', scored: 0 });
    expect(cancelled.roundsSaved).toBeGreaterThanOrEqual(1);
    expect(cancelled.roundsSaved).toBeLessThan(3);

    const folds = new Set<number>();
    const unsubscribe = studio.subscribe((e: StudioEvent) => {
      if (e.type === 'epoch' && e.fold !== undefined) folds.add(e.fold);
    });
    const resumed = (await studio.call('resumeScan', { scanId })) as { jobId: string; scanId: number };
    expect(resumed.scanId).toBe(scanId);
    const job = await followJob(studio, resumed.jobId, quietIo);
    unsubscribe();
    expect(job.error ?? null).toBeNull();
    expect([...folds].sort()).toEqual([1, 2, 3].slice(cancelled.roundsSaved)); // the kept folds did not train again
    const done = ((await studio.call('listScans', {})) as ScanSummary[]).find((s) => s.id === scanId)!;
    expect(done).toMatchObject({ status: 'done', scored: 600, roundsSaved: 0 });
    expect(done.durationSeconds!).toBeGreaterThan(cancelled.durationSeconds!);

    // Seeded per fold, so the resumed scan scores like the uninterrupted one.
    const probs = (id: number) =>
      (studio.workspace.db.prepare('SELECT probs FROM scan_scores WHERE scan_id = ? ORDER BY sample_id').all(id) as Array<{ probs: Buffer }>).flatMap((r) => Array.from(new Float32Array(r.probs.buffer, r.probs.byteOffset, r.probs.byteLength / 4)));
    const a = probs(whole.scanId);
    const b = probs(scanId);
    expect(b).toHaveLength(a.length);
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThan(1e-4);
    // And its look-alikes: the kept folds' samples embedded again from their saved models, the others in their
    // scoring pass, as the uninterrupted scan embedded all of them.
    const nb = new NeighbourStore(studio.workspace.db);
    const ids = (studio.workspace.db.prepare('SELECT sample_id AS id FROM scan_scores WHERE scan_id = ?').all(scanId) as Array<{ id: number }>).map((r) => r.id);
    for (const id of ids.filter((_, i) => i % 29 === 0)) expect([...nb.of(scanId, id)!.ids].slice(0, 5)).toEqual([...nb.of(whole.scanId, id)!.ids].slice(0, 5));

    await expect(studio.call('resumeScan', { scanId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already finished') });
    await expect(studio.call('resumeScan', { scanId: 999 })).rejects.toMatchObject({ code: 'not-found' });
  }, 300_000);
});
