import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import type { ImportReport } from '../../../../src-main/core/api.ts';
import { ferCsvText, firstFerRows, stratifiedFerRows, writeFerCsv } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('importers and exporters on real FER2013 rows', () => {
  it('the test helper reads the first rows and a stratified sample quickly by streaming', async () => {
    const t0 = performance.now();
    const first = await firstFerRows(10);
    expect(first.map((r) => r.row)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(first.map((r) => r.emotion)).toEqual([0, 0, 2, 4, 6, 2, 4, 3, 3, 2]);
    const strat = await stratifiedFerRows(20, { split: 'PublicTest' });
    expect(strat).toHaveLength(140);
    expect(strat.every((r) => r.split === 'PublicTest' && r.row >= 28709 && r.row <= 32297)).toBe(true);
    expect(new Set(strat.map((r) => r.emotion)).size).toBe(7);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('a csv of real rows imports with exact pixels and exports back byte-identical, also as folders + votes-free info', async () => {
    const rows = [...(await firstFerRows(40)), ...(await stratifiedFerRows(5, { split: 'PrivateTest' }))];
    const csv = tmp.path('real.csv.gz');
    writeFerCsv(csv, rows);
    const studio = new Studio(tmp.path('w.db'));
    try {
      const r = (await studio.call('importFer2013', { path: csv })) as ImportReport;
      expect(r.imported).toBe(75);
      expect(r.counts.PrivateTest).toEqual([5, 5, 5, 5, 5, 5, 5]);
      const some = rows[47]!;
      expect(Buffer.from(studio.workspace.samples.pixels(47)!.pixels).equals(Buffer.from(some.pixels))).toBe(true);
      expect(studio.workspace.samples.get(47)).toMatchObject({ split: some.split, label: some.emotion });
      await studio.call('exportCsv', { out: tmp.path('back.csv') });
      expect(readFileSync(tmp.path('back.csv'), 'latin1')).toBe(ferCsvText(rows));
      expect(await studio.call('exportFolders', { out: tmp.path('png') })).toMatchObject({ rows: 75 });
      // The exported folders import back as the same images and labels (a second, folder source).
      const back = (await studio.call('importFolder', { path: tmp.path('png') })) as ImportReport;
      expect(back).toMatchObject({ imported: 75, resized: 0, skipped: [] });
      expect(back.counts).toEqual(r.counts);
      const copy = [...studio.workspace.samples.iterate({ withPixels: true })].find((s) => s.sourceRef === `PrivateTest/${['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'][some.emotion]}/47.png`)!;
      expect(copy.id).toBeGreaterThanOrEqual(75);
      expect(Buffer.from(copy.pixels!).equals(Buffer.from(some.pixels))).toBe(true);
    } finally {
      await studio.close();
    }
  });
});
