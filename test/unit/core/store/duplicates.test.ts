import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Split } from '../../../../src-common/classes.ts';
import { duplicateReport } from '../../../../src-main/core/duplicates/group-report.ts';
import { DuplicateStore } from '../../../../src-main/core/store/duplicates.ts';
import { Workspace } from '../../../../src-main/core/store/workspace.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';
import { mapPixels, picture } from '../../../helpers/synthetic-pictures.ts';

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
let store: DuplicateStore;
beforeEach(() => {
  tmp = tempDir();
  ws = Workspace.open(tmp.path('w.db'));
  store = new DuplicateStore(ws.db);
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

/** Inserts hand-made images with their labels and splits, ids continuing from the last sample. */
function insert(images: ReadonlyArray<{ pixels: Uint8Array; label: number; split?: Split }>): void {
  ws.db.transaction(() => {
    const sourceId = Number(
      ws.db.prepare("INSERT INTO sources (kind, path, fingerprint, imported_at, row_count) VALUES ('fer2013-csv', 'hand-made', ?, ?, ?)").run(`hand-${Math.random()}`, new Date().toISOString(), images.length).lastInsertRowid,
    );
    const add = ws.samples.inserter(sourceId);
    const first = ws.samples.nextId();
    images.forEach((img, i) => add({ id: first + i, sourceRow: i, split: img.split ?? 'Training', width: 48, height: 48, pixels: img.pixels, label: img.label }));
  })();
}

const a = picture(21);
const b = picture(22);
const flat = (shade: number) => new Uint8Array(48 * 48).fill(shade);

describe('DuplicateStore', () => {
  beforeEach(() =>
    insert([
      { pixels: a, label: 3 },                                        // 0: a
      { pixels: b, label: 4 },                                        // 1: another picture
      { pixels: mapPixels(a, (v) => v + 12), label: 3 },              // 2: a, brighter
      { pixels: Uint8Array.from(a), label: 5, split: 'PublicTest' },  // 3: a's exact pixels, another label, another split
      { pixels: flat(0), label: 0 },                                  // 4: blank
      { pixels: flat(90), label: 6 },                                 // 5: flat gray: not a copy of the blank one
      { pixels: flat(0), label: 6 },                                  // 6: blank again
      { pixels: picture(23), label: 2 },                              // 7: unique
    ]),
  );

  it('groups near and exact copies, flat images by exact pixels only', () => {
    const stamp = store.refresh();
    expect(stamp).toMatchObject({ samples: 8, maxSampleId: 7, maxDistance: 4 });
    const groups = store.groups();
    expect(groups.map((g) => [g.id, g.exact, g.members.map((m) => m.sampleId)])).toEqual([
      [0, false, [0, 2, 3]],
      [4, true, [4, 6]],
    ]);
    expect(groups[0]!.members[2]).toEqual({ sampleId: 3, split: 'PublicTest', label: 5, originalLabel: 5, excluded: false, kept: false });
    expect(store.groupsOf([3, 7]).map((g) => g.id)).toEqual([0]);
    expect(store.groupsOf([7])).toEqual([]);
  });

  it('regroups only when samples were added, hashing only the new ones', () => {
    const first = store.refresh();
    expect(store.refresh()).toEqual(first);
    const hashes = () => (ws.db.prepare('SELECT COUNT(*) AS n FROM sample_hashes').get() as { n: number }).n;
    expect(hashes()).toBe(8);
    insert([{ pixels: mapPixels(b, (v) => 0.9 * v + 8), label: 1 }]); // 8: a copy of b
    const second = store.refresh();
    expect(second.samples).toBe(9);
    expect(hashes()).toBe(9);
    expect(store.groups().map((g) => g.members.map((m) => m.sampleId))).toEqual([[0, 2, 3], [1, 8], [4, 6]]);
  });

  it('reports the counts, conflicts (as given and now) and cross-split groups', () => {
    const stamp = store.refresh();
    const report = () => duplicateReport(store.groups(), stamp, { filter: 'all', offset: 0, limit: 10 });
    expect(report()).toMatchObject({ groups: 2, samplesInGroups: 5, largest: 3, sizes: { 2: 1, 3: 1 }, exactGroups: 1, conflicting: 2, conflictRate: 1, conflictingNow: 2, crossSplit: 1, trainingTest: 1, total: 2 });
    expect(report().items.map((g) => [g.id, g.labelConflict, g.conflictNow, g.crossSplit])).toEqual([[0, true, true, true], [4, true, true, false]]);
    ws.labels.apply([{ sampleId: 3, field: 'label', value: 3 }], 'manual');
    ws.labels.apply([{ sampleId: 6, field: 'excluded', value: 1 }], 'manual');
    expect(report()).toMatchObject({ conflicting: 2, conflictingNow: 0 });
    const crossOnly = duplicateReport(store.groups(), stamp, { filter: 'cross-split', offset: 0, limit: 10 });
    expect(crossOnly.items.map((g) => g.id)).toEqual([0]);
    expect(duplicateReport(store.groups(), stamp, { filter: 'all', offset: 1, limit: 10 }).items.map((g) => g.id)).toEqual([4]);
  });
});
