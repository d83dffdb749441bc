import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateReport } from '../../../src-main/core/api.ts';
import { cli } from '../../helpers/capture-io.ts';
import { firstFerRows, writeFerCsv, type FerRow } from '../../helpers/fer-rows.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const tmp = tempDir();
const ws = ['--workspace', tmp.path('w.db')];
/**
 * Real FER2013 rows whose copies were looked at by eye: 21/6633/7429/35683 are one photo (all fear, the last
 * in PrivateTest; 7429 joins 21 and 6633, 8 bits apart), 3756/5066 one photo labelled surprise and fear, 6458/7629 blank images
 * labelled angry and happy; rows 0-9 have no copy among these.
 */
const PICKED = [...Array.from({ length: 10 }, (_, i) => i), 21, 6633, 7429, 35683, 3756, 5066, 6458, 7629];
let rows: FerRow[];
const idOf = (row: number) => rows.findIndex((r) => r.row === row); // sample id = row in the imported file

beforeAll(async () => {
  const wanted = new Set(PICKED);
  rows = (await firstFerRows(35887)).filter((r) => wanted.has(r.row));
  writeFerCsv(tmp.path('picked.csv'), rows);
  expect((await cli('import', tmp.path('picked.csv'), ...ws)).code).toBe(0);
}, 60_000);
afterAll(() => tmp.cleanup());

describe('fer-studio duplicates', () => {
  it('counts the groups, their label conflicts and the split they cross', async () => {
    const r = await cli('duplicates', ...ws);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out[0]).toMatch(/^3 groups of near-identical images: 8 of 18 images \(perceptual hashes within 4 bits, or identical pixels; grouped in \d+\.\d s\)\.$/);
    expect(r.out[1]).toBe('  sizes: 2 x 2, 1 x 4 (largest 4); 1 groups are exact pixel copies only');
    expect(r.out[2]).toBe('  conflicting original labels: 2 groups (66.7%); still conflicting with the current labels: 2');
    expect(r.out[3]).toBe('  spanning splits: 1 groups (1 with a Training copy of a PublicTest or PrivateTest image)');
    const table = r.out.slice(r.out.indexOf('group\tsize\tkind\tconflict\tcopies') + 1).map((l) => l.split('\t').slice(0, 4));
    expect(table).toEqual([
      [String(idOf(21)), '4', 'near', '-'],
      [String(idOf(3756)), '2', 'near', 'yes'],
      [String(idOf(6458)), '2', 'exact', 'yes'],
    ]);
  });

  it('--json gives the report with every group; --conflicts keeps the conflicting ones; a relabel resolves one', async () => {
    const report = (await cli('duplicates', '--json', ...ws)).json() as DuplicateReport;
    expect(report).toMatchObject({ groups: 3, samplesInGroups: 8, conflicting: 2, crossSplit: 1, trainingTest: 1, total: 3 });
    expect(report.items[0]!.members.map((m) => m.sampleId)).toEqual([21, 6633, 7429, 35683].map(idOf));
    expect(report.items[0]!.members.map((m) => m.split)).toEqual(['Training', 'Training', 'Training', 'PrivateTest']);
    const conflicts = (await cli('duplicates', '--conflicts', '--json', ...ws)).json() as DuplicateReport;
    expect(conflicts.items.map((g) => g.id)).toEqual([idOf(3756), idOf(6458)]);
    expect((await cli('label', String(idOf(5066)), 'surprise', ...ws)).code).toBe(0);
    const after = (await cli('duplicates', '--conflicts', '--json', ...ws)).json() as DuplicateReport;
    expect(after).toMatchObject({ conflicting: 2, conflictingNow: 1 });
    expect(after.items[0]).toMatchObject({ id: idOf(3756), labelConflict: true, conflictNow: false });
    expect((await cli('duplicates', '--conflicts', ...ws)).out.at(-2)).toMatch(/\tresolved\t.*->surprise@Training/);
  });

  it('refuses --conflicts with --cross-split, and a negative --limit', async () => {
    const both = await cli('duplicates', '--conflicts', '--cross-split', ...ws);
    expect(both.code).toBe(2);
    expect(both.err.join('\n')).toContain('Give --conflicts or --cross-split, not both.');
    expect((await cli('duplicates', '--limit', '-1', ...ws)).code).toBe(2);
  });
});
