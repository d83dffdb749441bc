import { describe, expect, it } from 'vitest';
import { ScanStore } from '../../../../src-main/core/store/scans.ts';
import { Workspace } from '../../../../src-main/core/store/workspace.ts';
import { insertSyntheticSamples } from '../../../helpers/temp-workspace.ts';

describe('ScanStore.decidedSampleIds', () => {
  it("counts a person's relabel, keep or exclude as decided, and a benchmark's injected noise as not decided", () => {
    const ws = Workspace.open(':memory:');
    insertSyntheticSamples(ws, [0, 0, 0, 0, 0, 0]);
    ws.labels.apply([{ sampleId: 1, field: 'label', value: 3 }, { sampleId: 2, field: 'label', value: 4 }], 'injected-noise');
    ws.labels.apply([{ sampleId: 3, field: 'label', value: 5 }], 'manual');
    ws.labels.apply([{ sampleId: 4, field: 'kept', value: 1 }], 'review');
    const scans = new ScanStore(ws.db);
    expect([...scans.decidedSampleIds()].sort()).toEqual([3, 4]);
    // a person who then relabels a noisy sample has decided it; undoing that leaves the noise undecided again
    ws.labels.apply([{ sampleId: 2, field: 'label', value: 0 }], 'manual');
    ws.labels.apply([{ sampleId: 1, field: 'label', value: 6 }], 'manual');
    expect([...scans.decidedSampleIds()].sort()).toEqual([1, 3, 4]);
    ws.labels.undo({});
    expect([...scans.decidedSampleIds()].sort()).toEqual([3, 4]);
    ws.close();
  });
});
