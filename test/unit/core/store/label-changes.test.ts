import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../../src-main/core/store/workspace.ts';
import { insertSyntheticSamples, tempDir } from '../../../helpers/temp-workspace.ts';

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
beforeEach(() => {
  tmp = tempDir();
  ws = Workspace.open(tmp.path('w.db'));
  insertSyntheticSamples(ws, [0, 1, 2, 3, 4]); // Training, ids 0-4
  insertSyntheticSamples(ws, [0, 0], { split: 'PrivateTest' }); // ids 5-6
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

describe('label changes between two label versions', () => {
  it('counts by (from, to) pair, ignores changes that came back, other splits and later versions', () => {
    const v0 = ws.labels.labelVersion();
    ws.labels.apply([{ sampleId: 0, field: 'label', value: 3 }, { sampleId: 1, field: 'label', value: 3 }], 'bulk'); // 0->3, 1->3
    ws.labels.apply([{ sampleId: 2, field: 'label', value: 5 }], 'manual'); // 2->5 ...
    ws.labels.apply([{ sampleId: 2, field: 'label', value: 2 }], 'manual'); // ... and back: no change in the end
    ws.labels.apply([{ sampleId: 3, field: 'excluded', value: 1 }], 'review');
    ws.labels.apply([{ sampleId: 5, field: 'label', value: 6 }], 'manual'); // PrivateTest: not counted for Training
    const v1 = ws.labels.labelVersion();
    ws.labels.apply([{ sampleId: 4, field: 'label', value: 0 }], 'manual'); // after v1: not counted
    expect(ws.labels.changesBetween(v0, v1, 'Training')).toEqual({
      split: 'Training',
      fromVersion: v0,
      toVersion: v1,
      labels: 2,
      pairs: [
        { from: 0, to: 3, count: 1 },
        { from: 1, to: 3, count: 1 },
      ],
      excluded: 1,
      included: 0,
    });
    expect(ws.labels.changesBetween(v0, v1, 'PrivateTest')).toMatchObject({ labels: 1, pairs: [{ from: 0, to: 6, count: 1 }] });
  });

  it('an undo counts as a change back, and a version range with nothing in it is empty', () => {
    ws.labels.apply([{ sampleId: 1, field: 'label', value: 6 }], 'manual');
    const v1 = ws.labels.labelVersion();
    ws.labels.undo();
    const v2 = ws.labels.labelVersion();
    expect(ws.labels.changesBetween(v1, v2, 'Training')).toMatchObject({ labels: 1, pairs: [{ from: 6, to: 1, count: 1 }] });
    expect(ws.labels.changesBetween(0, v2, 'Training')).toMatchObject({ labels: 0, pairs: [] });
    expect(ws.labels.changesBetween(v2, v2, 'Training')).toMatchObject({ labels: 0, pairs: [], excluded: 0, included: 0 });
  });
});
