import { describe, expect, it } from 'vitest';
import { loadScanSet } from '../../../../../src-main/core/ml/noise/scan-data.ts';
import { Workspace } from '../../../../../src-main/core/store/workspace.ts';
import { insertSyntheticSamples } from '../../../../helpers/temp-workspace.ts';

/** A workspace whose sample i has every pixel = i, so a set's rows can be checked against their ids. */
function numberedWorkspace(labels: number[]): Workspace {
  const ws = Workspace.open(':memory:');
  insertSyntheticSamples(ws, labels);
  const set = ws.db.prepare('UPDATE samples SET pixels = ? WHERE id = ?');
  for (const { id } of ws.db.prepare('SELECT id FROM samples').all() as Array<{ id: number }>) set.run(Buffer.alloc(48 * 48, id), id);
  return ws;
}

describe('loadScanSet', () => {
  it("holds each chosen sample's own pixels beside its id and label, excluded samples left out", () => {
    const ws = numberedWorkspace([0, 1, 2, 3, 4, 5, 6, 0, 1, 2]);
    ws.labels.apply([{ sampleId: 4, field: 'excluded', value: 1 }], 'manual');
    const set = loadScanSet(ws, { split: 'Training', seed: 1 });
    expect(set.count).toBe(9);
    expect([...set.ids]).not.toContain(4);
    for (let i = 0; i < set.count; i++) {
      expect(set.pixels[i * 2304]).toBe(set.ids[i]);
      expect(set.pixels[i * 2304 + 2303]).toBe(set.ids[i]);
      expect(set.labels[i]).toBe(ws.samples.get(set.ids[i]!)!.label);
    }
    ws.close();
  });

  it('a limit takes a stratified subset, in its own order, with the right pixels', () => {
    const ws = numberedWorkspace(Array.from({ length: 70 }, (_, i) => i % 7));
    const set = loadScanSet(ws, { split: 'Training', limit: 14, seed: 3 });
    expect(set.count).toBe(14);
    expect(new Set(set.labels).size).toBe(7);
    for (let i = 0; i < set.count; i++) expect(set.pixels[i * 2304 + 100]).toBe(set.ids[i]);
    ws.close();
  });
});
