import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { ScanStore } from '../../../../src-main/core/store/scans.ts';
import { analyzeScan } from '../../../../src-main/core/ml/noise/analyze-scan.ts';
import { scanConfig, type NoiseEvaluation, type ReviewQueue, type ScanOverview } from '../../../../src-main/core/api/noise-api.ts';
import type { SampleList } from '../../../../src-main/core/api/samples-api.ts';
import { insertSyntheticSamples, tempDir } from '../../../helpers/temp-workspace.ts';

// 6 samples, 3 classes used. Sample 2 is labelled angry (0) but the model says disgust (1): a label error.
const labels = [0, 0, 0, 1, 1, 2];
const probs = [0.8, 0.1, 0.1, 0, 0, 0, 0, 0.6, 0.3, 0.1, 0, 0, 0, 0, 0.1, 0.8, 0.1, 0, 0, 0, 0, 0.2, 0.7, 0.1, 0, 0, 0, 0, 0.1, 0.3, 0.6, 0, 0, 0, 0, 0.1, 0.1, 0.8, 0, 0, 0, 0];
const vote = (cls: number) => Array.from({ length: 10 }, (_, i) => (i === cls ? 10 : 0));
const votes = [vote(0), vote(0), vote(1), vote(1), vote(2), vote(2)]; // FER+: sample 2 really disgust, sample 4 really fear

describe('noise handlers', () => {
  let tmp: ReturnType<typeof tempDir>;
  let studio: Studio;
  let scanId: number;

  beforeEach(() => {
    tmp = tempDir();
    studio = new Studio(tmp.path('w.db'));
    insertSyntheticSamples(studio.workspace, labels, { votes });
    const scans = new ScanStore(studio.workspace.db);
    scanId = scans.create(scanConfig.parse({ folds: 2 }), { pending: true }, 0);
    const analysis = analyzeScan({ sampleIds: [0, 1, 2, 3, 4, 5], labels, folds: [0, 1, 0, 1, 0, 1], probs: Float32Array.from(probs), classes: 7, decided: new Set(), maxFlags: 10 });
    scans.finish(scanId, analysis.scores, analysis.flagged, analysis.summary, 1.5);
  });
  afterEach(async () => {
    await studio.close();
    tmp.cleanup();
  });

  it('queues flagged samples in score order with suggestions and votes', async () => {
    const q = (await studio.call('reviewQueue', {})) as ReviewQueue;
    expect(q.scanId).toBe(scanId);
    expect(q.items[0]!.sampleId).toBe(2);
    expect(q.items[0]!.suggested).toBe(1);
    expect(q.items[0]!.votes).toEqual(vote(1));
    expect(q.open).toBe(q.total);
    // sample 0 is confidently angry, as labelled: never queued
    expect(q.items.map((i) => i.sampleId)).not.toContain(0);
  });

  it('accepting a suggestion relabels through a label event, and undo reopens the flag', async () => {
    await studio.call('review', { ids: [2], action: 'accept' });
    expect(studio.workspace.samples.get(2)!.label).toBe(1);
    const events = studio.workspace.labels.history({ sampleId: 2 });
    expect(events[0]).toMatchObject({ field: 'label', from: 0, to: 1, reason: 'accepted-suggestion' });
    let q = (await studio.call('reviewQueue', { status: 'decided' })) as ReviewQueue;
    expect(q.items.map((i) => [i.sampleId, i.status])).toEqual([[2, 'relabeled']]);
    await studio.call('undo', {});
    q = (await studio.call('reviewQueue', {})) as ReviewQueue;
    expect(q.decided).toBe(0);
  });

  it('keep and exclude are decisions with their own status; a relabel needs a label', async () => {
    const open = (await studio.call('reviewQueue', { status: 'open' })) as ReviewQueue;
    const [a, b] = open.items.map((i) => i.sampleId);
    await studio.call('review', { ids: [a], action: 'keep' });
    await studio.call('review', { ids: [b], action: 'exclude' });
    const q = (await studio.call('reviewQueue', { status: 'decided' })) as ReviewQueue;
    expect(Object.fromEntries(q.items.map((i) => [i.sampleId, i.status]))).toEqual({ [a!]: 'kept', [b!]: 'excluded' });
    await expect(studio.call('review', { ids: [a], action: 'relabel' })).rejects.toThrow(/needs a label/);
  });

  it('onlyOpen leaves flags a person decided as they are and counts them', async () => {
    const q = (await studio.call('reviewQueue', {})) as ReviewQueue;
    const [kept, relabelled] = q.items;
    expect(relabelled).toBeDefined();
    await studio.call('review', { ids: [kept!.sampleId], action: 'keep' });
    const other = (relabelled!.suggested + 1) % 3;
    await studio.call('review', { ids: [relabelled!.sampleId], action: 'relabel', label: other });
    // every scored sample: the two decided flags are skipped, the open ones take their suggestion
    const all = [0, 1, 2, 3, 4, 5];
    const before = all.map((id) => studio.workspace.samples.get(id)!.label);
    const r = await studio.call('review', { ids: all, action: 'accept', onlyOpen: true });
    const after = all.map((id) => studio.workspace.samples.get(id)!.label);
    expect(r).toMatchObject({ changed: after.filter((l, i) => l !== before[i]).length, skipped: 2 });
    expect((r as { changed: number }).changed).toBeGreaterThan(0);
    expect(studio.workspace.samples.get(kept!.sampleId)).toMatchObject({ label: kept!.given, kept: true });
    expect(studio.workspace.samples.get(relabelled!.sampleId)!.label).toBe(other);
    // without it, an explicit decision on one card re-decides it
    expect(await studio.call('review', { ids: [kept!.sampleId], action: 'accept' })).toMatchObject({ changed: 1, skipped: 0 });
  });

  it('keep on a relabelled flag restores the label given when scanned, as one undo step', async () => {
    const flag = ((await studio.call('reviewQueue', {})) as ReviewQueue).items[0]!;
    const other = (flag.suggested + 1) % 3 === flag.given ? (flag.suggested + 2) % 3 : (flag.suggested + 1) % 3;
    await studio.call('review', { ids: [flag.sampleId], action: 'relabel', label: other });
    await studio.call('review', { ids: [flag.sampleId], action: 'keep' });
    expect(studio.workspace.samples.get(flag.sampleId)).toMatchObject({ label: flag.given, kept: true });
    const q = (await studio.call('reviewQueue', {})) as ReviewQueue;
    expect(q.items.find((i) => i.sampleId === flag.sampleId)!.status).toBe('kept');
    await studio.call('undo', {});
    expect(studio.workspace.samples.get(flag.sampleId)).toMatchObject({ label: other, kept: false });
  });

  it("listSamples filters on the scan's suggestion and says which scan and run its filters read", async () => {
    const q = (await studio.call('reviewQueue', {})) as ReviewQueue;
    const flag = q.items[0]!;
    const list = (await studio.call('listSamples', { suggested: flag.suggested })) as SampleList;
    expect(list.ids).toEqual(q.items.filter((i) => i.suggested === flag.suggested).map((i) => i.sampleId).sort((a, b) => a - b));
    const scores = studio.workspace.db.prepare('SELECT score FROM scan_scores WHERE scan_id = ?').pluck().all(scanId) as number[];
    expect(list.basis).toEqual({ runId: null, runSplits: [], scanId, scoreRange: { min: Math.min(...scores), max: Math.max(...scores) }, votes: true });
  });

  it('listSamples selects by score range, by open or decided flag, and by the FER+ majority disagreeing with the label', async () => {
    const ids = async (filter: object) => ((await studio.call('listSamples', filter)) as SampleList).ids;
    const scored = studio.workspace.db.prepare('SELECT sample_id AS id, score FROM scan_scores WHERE scan_id = ? ORDER BY score DESC').all(scanId) as Array<{ id: number; score: number }>;
    const [, second, third] = scored;
    const byScore = (lo: number, hi: number) => scored.filter((s) => s.score >= lo && s.score <= hi).map((s) => s.id).sort((a, b) => a - b);
    expect(await ids({ scoreMin: third!.score })).toEqual(byScore(third!.score, Infinity));
    expect(await ids({ scoreMin: third!.score, scoreMax: second!.score })).toEqual(byScore(third!.score, second!.score));
    expect((await ids({ scoreMin: third!.score })).length).toBeLessThan(scored.length);
    await expect(studio.call('listSamples', { scoreMin: 0.9, scoreMax: 0.1 })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('scoreMin must not be above scoreMax') });

    const q = (await studio.call('reviewQueue', {})) as ReviewQueue;
    const flagged = q.items.map((i) => i.sampleId).sort((a, b) => a - b);
    expect(await ids({ review: 'open' })).toEqual(flagged);
    expect(await ids({ review: 'decided' })).toEqual([]);
    await studio.call('review', { ids: [flagged[0]!], action: 'keep' });
    expect(await ids({ review: 'decided' })).toEqual([flagged[0]]);
    expect(await ids({ review: 'open' })).toEqual(flagged.slice(1));

    // FER+: sample 2 is really disgust (labelled angry), sample 4 really fear (labelled disgust)
    expect(await ids({ ferplusDisagrees: true })).toEqual([2, 4]);
    expect(await ids({ ferplusDisagrees: false })).toEqual([0, 1, 3, 5]);
    await studio.call('setLabel', { ids: [2], label: 1 }); // fixed: now FER+ agrees
    expect(await ids({ ferplusDisagrees: true })).toEqual([4]);
  });

  it("listSamples' first N is the whole list's first N, with the whole list's total, for every filter and sort", async () => {
    const list = async (filter: object) => (await studio.call('listSamples', filter)) as SampleList;
    const top = (await list({ sort: 'score' })).ids[0]!;
    const filters = [{}, { sort: 'score' }, { flagged: true }, { flagged: false, sort: 'score' }, { split: 'Training' }, { scoreMin: 0 }, { label: labels[top]! }, { ferplusDisagrees: false }, { label: 6, changed: true }];
    for (const filter of filters) {
      const all = await list(filter);
      for (const first of [1, 2, 100]) {
        const page = await list({ ...filter, first });
        expect(page.total, JSON.stringify({ filter, first })).toBe(all.total);
        expect(page.ids).toEqual(all.ids.slice(0, first));
        expect(page.labels).toEqual(all.labels.slice(0, first));
        expect(page.flags).toEqual(all.flags.slice(0, first));
      }
    }
    expect((await list({ sort: 'score', first: 1 })).ids).toEqual([top]);
  });

  it('bulk review is one undo step', async () => {
    const ids = ((await studio.call('reviewQueue', {})) as ReviewQueue).items.map((i) => i.sampleId);
    await studio.call('review', { ids, action: 'relabel', label: 5 });
    expect(ids.every((id) => studio.workspace.samples.get(id)!.label === 5)).toBe(true);
    await studio.call('undo', {});
    expect(ids.map((id) => studio.workspace.samples.get(id)!.label)).toEqual(ids.map((id) => labels[id]));
  });

  it('evaluates the ranking against the FER+ majority', async () => {
    const e = (await studio.call('evalNoise', {})) as NoiseEvaluation;
    expect(e).toMatchObject({ truthSamples: 6, noisy: 2, clean: 4 });
    // scores: sample 2 ranks first (noisy), sample 4 second (noisy): a perfect ranking
    expect(e.auroc).toBe(1);
    expect(e.averagePrecision).toBe(1);
    expect(e.suggestedAccuracyOnNoisy).toBe(1); // sample 2 -> 1 (disgust), sample 4 -> 2 (fear)
  });

  it("overview: the scan's estimated errors, and its flags grouped by (given, suggested) with open counts", async () => {
    const all = (await studio.call('reviewQueue', {})) as ReviewQueue;
    let o = (await studio.call('scanOverview', {})) as ScanOverview;
    expect(o).toMatchObject({ scanId, scored: 6 });
    expect(o.estimatedErrors).toHaveLength(7);
    // every label is counted once: the estimate's rows sum to the label counts (3 angry, 2 disgust, 1 fear)
    expect(o.estimatedErrors.slice(0, 3).map((row) => row.reduce((a, b) => a + b, 0))).toEqual([3, 2, 1]);
    expect(o.estimatedWrong).toBe(o.estimatedErrors.flat().reduce((a, b) => a + b, 0) - o.estimatedErrors.reduce((a, row, i) => a + row[i]!, 0));
    // FER+ beside the estimate: 6 labels with a majority, 2 contradicted (samples 2 and 4), by given class
    expect(o.ferPlus).toMatchObject({ samples: 6, wrong: 2 });
    expect(o.ferPlus!.perClass.reduce((a, c) => a + c.samples, 0)).toBe(6);
    expect(o.ferPlus!.perClass.slice(0, 3).map((c) => c.samples)).toEqual([3, 2, 1]);
    const expected = new Map<string, number>();
    for (const i of all.items) expected.set(`${i.given}-${i.suggested}`, (expected.get(`${i.given}-${i.suggested}`) ?? 0) + 1);
    expect(new Map(o.flagPairs.map((p) => [`${p.given}-${p.suggested}`, p.total]))).toEqual(expected);
    expect(o.flagPairs.every((p) => p.open === p.total)).toBe(true);

    await studio.call('review', { ids: [2], action: 'accept' }); // sample 2: angry -> disgust
    o = (await studio.call('scanOverview', {})) as ScanOverview;
    expect(o.flagPairs.find((p) => p.given === 0 && p.suggested === 1)).toMatchObject({ open: expected.get('0-1')! - 1 });
  });

  it('the queue narrowed to one (given, suggested) cell holds only those flags, and counts only them', async () => {
    const all = (await studio.call('reviewQueue', {})) as ReviewQueue;
    const { given, suggested } = all.items[0]!;
    const cell = (await studio.call('reviewQueue', { given, suggested })) as ReviewQueue;
    const inCell = all.items.filter((i) => i.given === given && i.suggested === suggested);
    expect(cell.items.map((i) => i.sampleId)).toEqual(inCell.map((i) => i.sampleId));
    expect(cell).toMatchObject({ total: inCell.length, open: inCell.length, decided: 0 });
    expect(((await studio.call('reviewQueue', { given: 6, suggested: 6 })) as ReviewQueue).total).toBe(0);
    await expect(studio.call('reviewQueue', { given: 9 })).rejects.toThrow(/given/);
  });

  it('a new scan leaves decided samples out of its queue', async () => {
    await studio.call('review', { ids: [2], action: 'keep' });
    const decided = new ScanStore(studio.workspace.db).decidedSampleIds();
    const analysis = analyzeScan({ sampleIds: [0, 1, 2, 3, 4, 5], labels, folds: [0, 1, 0, 1, 0, 1], probs: Float32Array.from(probs), classes: 7, decided, maxFlags: 10 });
    expect(analysis.flagged.map((f) => f.sampleId)).not.toContain(2);
    expect(analysis.scores).toHaveLength(6);
  });

  it('answers clearly when there is no scan or no votes', async () => {
    const t2 = tempDir();
    const empty = new Studio(t2.path('e.db'));
    try {
      expect(await empty.call('reviewQueue', {})).toMatchObject({ scanId: null, total: 0 });
      await expect(empty.call('evalNoise', {})).rejects.toThrow(/No finished label-noise scan/);
      await expect(empty.call('scanOverview', {})).rejects.toThrow(/No finished label-noise scan/);
      await expect(empty.call('startScan', {})).rejects.toThrow(/no samples/);
    } finally {
      await empty.close();
      t2.cleanup();
    }
  });
  it('a cancelled scan lists the rounds it kept, and is not resumed onto changed labels', async () => {
    const scans = new ScanStore(studio.workspace.db);
    const labelVersion = studio.workspace.labels.labelVersion();
    const cancelled = scans.create(scanConfig.parse({ folds: 2 }), { pending: true }, labelVersion);
    scans.saveRound(cancelled, 0, new Float32Array(21));
    scans.end(cancelled, 'cancelled', null, 3);
    const listed = scans.list().find((s) => s.id === cancelled)!;
    expect(listed).toMatchObject({ status: 'cancelled', roundsSaved: 1 });
    expect(scans.savedRounds(cancelled).get(0)).toHaveLength(21);
    await studio.call('setLabel', { ids: [5], label: 1 });
    await expect(studio.call('resumeScan', { scanId: cancelled })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Labels changed since scan') });
    expect(scans.get(cancelled)!.status).toBe('cancelled');
  });
});
