import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../../src-main/core/api.ts';
import { studioPerTest } from '../../../helpers/studio-per-suite.ts';
import { csvLine, pixelBytes, writeCsv } from '../../../helpers/fer-fixtures.ts';

const suite = studioPerTest();

const importCsv = (path: string, extra: Record<string, unknown> = {}) => suite.studio.call('importFer2013', { path, ...extra }) as Promise<ImportReport>;

describe('importFer2013', () => {
  it('gives sample id = csv row in an empty workspace, with pixels, split, labels and counts', async () => {
    const path = writeCsv(suite.tmp.path('a.csv.gz'), [csvLine(0, 3), csvLine(1, 0, 'PublicTest'), csvLine(2, 3), csvLine(3, 6, 'PrivateTest')]);
    const r = await importCsv(path);
    expect(r.imported).toBe(4);
    expect(r.alreadyPresent).toBe(false);
    expect(r.counts).toEqual({ Training: [0, 0, 0, 2, 0, 0, 0], PublicTest: [1, 0, 0, 0, 0, 0, 0], PrivateTest: [0, 0, 0, 0, 0, 0, 1] });
    const ws = suite.studio.workspace;
    expect(ws.samples.get(1)).toMatchObject({ id: 1, sourceRow: 1, split: 'PublicTest', label: 0, originalLabel: 0, excluded: false });
    expect(Array.from(ws.samples.pixels(2)!.pixels)).toEqual(Array.from(pixelBytes(2)));
  });

  it('skips and reports bad rows by default, keeping the ids of the good rows equal to their row index', async () => {
    const path = writeCsv(suite.tmp.path('bad.csv'), [csvLine(0, 3), csvLine(1, 9), csvLine(2, 4)]);
    const r = await importCsv(path);
    expect(r.imported).toBe(2);
    expect(r.skipped).toEqual([{ line: 3, reason: "unknown emotion '9' (expected 0..6)" }]);
    expect(suite.studio.workspace.samples.get(2)?.label).toBe(4);
    expect(suite.studio.workspace.samples.get(1)).toBeNull();
  });

  it('--strict aborts at the first bad row and writes nothing (no samples, no source)', async () => {
    const path = writeCsv(suite.tmp.path('bad.csv'), [csvLine(0, 3), csvLine(1, 2, 'Nope'), csvLine(2, 4)]);
    await expect(importCsv(path, { strict: true })).rejects.toThrow("bad.csv line 3: unknown split 'Nope' (expected Training, PublicTest, PrivateTest). Nothing was imported (--strict).");
    expect(suite.studio.workspace.samples.count()).toBe(0);
    expect((suite.studio.workspace.db.prepare('SELECT COUNT(*) AS n FROM sources').get() as { n: number }).n).toBe(0);
  });

  it('refuses a file with no valid rows, and reports a missing file by name', async () => {
    await expect(importCsv(writeCsv(suite.tmp.path('none.csv'), [csvLine(0, 8)]))).rejects.toThrow(/none\.csv: no valid rows \(1 bad, first: line 2: unknown emotion '8'/);
    await expect(importCsv(suite.tmp.path('missing.csv'))).rejects.toThrow(/File not found or unreadable: .*missing\.csv/);
    expect(suite.studio.workspace.samples.count()).toBe(0);
  });

  it('recognises a re-import of the same bytes and writes nothing; another file gets ids after the max', async () => {
    const a = writeCsv(suite.tmp.path('a.csv'), [csvLine(0, 1), csvLine(1, 2)]);
    await importCsv(a);
    const again = await importCsv(a);
    expect(again).toMatchObject({ alreadyPresent: true, imported: 0 });
    expect(suite.studio.workspace.samples.count()).toBe(2);
    const b = writeCsv(suite.tmp.path('b.csv'), [csvLine(5, 5), csvLine(6, 6)]);
    expect((await importCsv(b)).imported).toBe(2);
    expect(suite.studio.workspace.samples.get(2)).toMatchObject({ sourceRow: 0, label: 5 });
    expect(suite.studio.workspace.samples.get(3)).toMatchObject({ sourceRow: 1, label: 6 });
  });

  it('reports per-split counts in info and lists the source', async () => {
    await importCsv(writeCsv(suite.tmp.path('a.csv'), [csvLine(0, 1), csvLine(1, 1, 'PublicTest')]));
    const info = (await suite.studio.call('info', {})) as { samples: number; counts: Record<string, number[]>; sources: Array<{ kind: string; rows: number }> };
    expect(info.samples).toBe(2);
    expect(info.counts.PublicTest).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect(info.sources).toMatchObject([{ kind: 'fer2013-csv', rows: 2 }]);
  });
});
