import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUM_CLASSES } from '../../../../src-common/classes.ts';
import type { FlagItem, ReviewQueue, SampleDetail, ScanOverview } from '../../../../src-main/core/api.ts';
import { scanConfig } from '../../../../src-main/core/api/noise-api.ts';
import { analyzeScan } from '../../../../src-main/core/ml/noise/analyze-scan.ts';
import { ScanStore } from '../../../../src-main/core/store/scans.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { firstFerRows, writeFerCsv, type FerRow } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

/**
 * Real FER2013 rows with copies seen by eye: 21/6633/7429 one photo (fear), 3756/5066 one photo labelled
 * surprise and fear, 6458/7629 blank images labelled angry and happy; rows 0-9 have no copy here.
 */
const PICKED = [...Array.from({ length: 10 }, (_, i) => i), 21, 3756, 5066, 6458, 6633, 7429, 7629];
const SURPRISE = 5;
const tmp = tempDir();
let studio: Studio;
let rows: FerRow[];
const idOf = (row: number) => rows.findIndex((r) => r.row === row);
const label = (row: number) => studio.workspace.samples.get(idOf(row))!.label;
const queue = async () => (await studio.call('reviewQueue', { limit: 100, groups: true })) as ReviewQueue;
const cardOf = (q: ReviewQueue, row: number): FlagItem | undefined => q.items.find((i) => i.sampleId === idOf(row));

/** A scan whose "model" is hand-made: sure of the fear photo being surprise, of row 0 being another class, of every other label. */
function seedScan(): void {
  const ws = studio.workspace;
  const n = rows.length;
  const probs = new Float32Array(n * NUM_CLASSES).fill(0.1 / (NUM_CLASSES - 1));
  rows.forEach((r, i) => {
    const believed = [21, 6633, 7429].includes(r.row) ? SURPRISE : r.row === 0 ? (r.emotion + 1) % NUM_CLASSES : r.emotion;
    probs[i * NUM_CLASSES + believed] = 0.9;
  });
  // the copy at 7429 is the most doubted of its group, 0 the least
  probs[idOf(7429) * NUM_CLASSES + rows[idOf(7429)]!.emotion] = 0.001;
  const config = scanConfig.parse({ mode: 'quick' });
  const scans = new ScanStore(ws.db);
  const scanId = scans.create(config, { selected: 'cpu', backend: 'hand-made', threads: 1, candidates: [] }, ws.labels.labelVersion());
  const analysis = analyzeScan({ sampleIds: rows.map((_, i) => i), labels: rows.map((r) => r.emotion), folds: new Int32Array(n).fill(-1), probs, classes: NUM_CLASSES, decided: new Set(), maxFlags: 100 });
  scans.finish(scanId, analysis.scores, analysis.flagged, analysis.summary, 0);
}

beforeAll(async () => {
  const wanted = new Set(PICKED);
  rows = (await firstFerRows(7630)).filter((r) => wanted.has(r.row));
  writeFerCsv(tmp.path('picked.csv'), rows);
  studio = new Studio(tmp.path('w.db'));
  await studio.call('importFer2013', { path: tmp.path('picked.csv') });
  seedScan();
}, 60_000);
afterAll(async () => {
  await studio?.close();
  tmp.cleanup();
});

describe('review queue with duplicates', () => {
  it('shows one card per group, with its copies, and conflicting groups the scan did not flag', async () => {
    const q = await queue();
    const fear = cardOf(q, 7429)!;
    expect(fear.copies.map((c) => c.sampleId)).toEqual([idOf(21), idOf(6633)]);
    expect(cardOf(q, 21)).toBeUndefined();
    expect(cardOf(q, 6633)).toBeUndefined();
    expect(fear.kinds).not.toContain('duplicate-conflict');
    // 3756/5066 and the blank pair: each one card, though unflagged, as a duplicate conflict
    const conflicts = q.items.filter((i) => i.kinds.includes('duplicate-conflict'));
    expect(conflicts.map((c) => [c.sampleId, ...c.copies.map((m) => m.sampleId)].sort((a, b) => a - b))).toEqual(
      expect.arrayContaining([[idOf(3756), idOf(5066)], [idOf(6458), idOf(7629)]]),
    );
    expect(conflicts).toHaveLength(2);
    expect(conflicts.every((c) => c.rank === 0 && c.kinds.length === 1)).toBe(true);
    expect(cardOf(q, 0)!.copies).toEqual([]);
    expect(q.total).toBe(q.items.length);
    expect(q).toMatchObject({ open: q.total, decided: 0 });
  });

  it('without groups the queue lists each flag (as before); the error matrix counts the cards its cells show', async () => {
    const flat = (await studio.call('reviewQueue', { limit: 100 })) as ReviewQueue;
    expect([21, 6633, 7429].every((row) => cardOf(flat, row)?.copies.length === 0)).toBe(true);
    expect(flat.items.some((i) => i.rank === 0)).toBe(false);
    const overview = (await studio.call('scanOverview', {})) as ScanOverview;
    const fearAsSurprise = overview.flagPairs.find((p) => p.given === 2 && p.suggested === SURPRISE)!;
    expect(fearAsSurprise).toMatchObject({ total: 1, open: 1 }); // three flags, one card
    for (const p of overview.flagPairs) {
      const cell = (await studio.call('reviewQueue', { given: p.given, suggested: p.suggested, groups: true })) as ReviewQueue;
      expect([cell.total, cell.open]).toEqual([p.total, p.open]);
    }
  });

  it('accepting a group card relabels every copy in one undo step; undo brings all back', async () => {
    const before = await queue();
    const result = await studio.call('review', { ids: [idOf(7429)], action: 'accept', copies: true });
    expect(result).toMatchObject({ changed: 3, skipped: 0 });
    expect([21, 6633, 7429].map(label)).toEqual([SURPRISE, SURPRISE, SURPRISE]);
    const after = await queue();
    expect(cardOf(after, 7429)!.status).toBe('relabeled');
    expect(after.decided).toBe(before.decided + 1);
    await studio.call('undo', {});
    expect([21, 6633, 7429].map(label)).toEqual([2, 2, 2]);
    expect(cardOf(await queue(), 7429)!.status).toBe('open');
  });

  it('without copies, a review decides only the sample named', async () => {
    await studio.call('review', { ids: [idOf(7429)], action: 'accept' });
    expect([21, 6633, 7429].map(label)).toEqual([2, 2, SURPRISE]);
    await studio.call('undo', {});
  });

  it('keep on a conflict card gives every copy the card\'s label and settles the conflict; the sample panel says why', async () => {
    const card = (await queue()).items.find((i) => i.kinds.includes('duplicate-conflict') && [idOf(3756), idOf(5066)].includes(i.sampleId))!;
    const detail = (await studio.call('getSample', { id: idOf(5066) })) as SampleDetail;
    expect(detail.kinds).toEqual(['duplicate-conflict']);
    expect(detail.duplicates).toMatchObject({ id: idOf(3756), labelConflict: true, conflictNow: true });
    await studio.call('review', { ids: [card.sampleId], action: 'keep', copies: true });
    expect(label(3756)).toBe(label(5066));
    expect(label(3756)).toBe(card.given);
    expect(cardOf(await queue(), rows[card.sampleId]!.row)!.status).toBe('kept');
    const report = await studio.call('duplicates', { filter: 'conflicts' });
    expect(report).toMatchObject({ conflicting: 2, conflictingNow: 1 });
  });

  it('a later import regroups, and the queue\'s cards follow (they are kept between requests only while the groups stay)', async () => {
    const before = cardOf(await queue(), 7429)!.copies.length;
    writeFerCsv(tmp.path('more.csv'), [{ ...rows[idOf(21)]!, row: 0 }]); // the fear photo once more
    await studio.call('importFer2013', { path: tmp.path('more.csv') });
    const fear = cardOf(await queue(), 7429)!;
    expect(fear.copies).toHaveLength(before + 1);
    expect(fear.copies.at(-1)).toMatchObject({ sampleId: rows.length, label: 2 });
  });
});
