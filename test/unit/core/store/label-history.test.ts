import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../../../src-main/core/store/workspace.ts';
import { StaleStepError, UnknownSampleError } from '../../../../src-main/core/store/label-history.ts';
import { insertSyntheticSamples, tempDir } from '../../../helpers/temp-workspace.ts';

let tmp: ReturnType<typeof tempDir>;
let ws: Workspace;
beforeEach(() => {
  tmp = tempDir();
  ws = Workspace.open(tmp.path('w.db'));
  insertSyntheticSamples(ws, [0, 1, 2, 3, 4]);
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

const labels = () => [0, 1, 2, 3, 4].map((id) => ws.samples.get(id)!.label);
const eventCount = () => (ws.db.prepare('SELECT COUNT(*) AS n FROM label_events').get() as { n: number }).n;

describe('label history', () => {
  it('undoes and redoes a single change, recording an event for every change', () => {
    const r = ws.labels.apply([{ sampleId: 1, field: 'label', value: 6 }], 'manual');
    expect(r).toMatchObject({ changed: 1, labelVersion: 1 });
    expect(labels()).toEqual([0, 6, 2, 3, 4]);
    expect(ws.samples.get(1)!.originalLabel).toBe(1);
    expect(ws.labels.undo()).toMatchObject({ changed: 1 });
    expect(labels()).toEqual([0, 1, 2, 3, 4]);
    expect(ws.labels.canRedo()).toBe(true);
    ws.labels.redo();
    expect(labels()).toEqual([0, 6, 2, 3, 4]);
    expect(eventCount()).toBe(3); // edit, undo, redo each wrote one event
    expect(ws.labels.history({ sampleId: 1 }).map((e) => [e.reason, e.from, e.to])).toEqual([['redo', 1, 6], ['undo', 6, 1], ['manual', 1, 6]]);
  });

  it('treats a bulk change as one undo step, and skips values already set', () => {
    const r = ws.labels.apply([0, 1, 2, 3].map((sampleId) => ({ sampleId, field: 'label' as const, value: 3 })), 'bulk');
    expect(r.changed).toBe(3); // sample 3 already had label 3
    expect(labels()).toEqual([3, 3, 3, 3, 4]);
    ws.labels.undo();
    expect(labels()).toEqual([0, 1, 2, 3, 4]);
    expect(ws.labels.undo()).toBeNull();
    expect(ws.labels.apply([{ sampleId: 4, field: 'label', value: 4 }], 'manual')).toMatchObject({ batchId: null, changed: 0 });
  });

  it('undoes in reverse order and drops the redo chain on a new edit', () => {
    ws.labels.apply([{ sampleId: 0, field: 'label', value: 5 }], 'manual');
    ws.labels.apply([{ sampleId: 0, field: 'label', value: 6 }], 'manual');
    ws.labels.apply([{ sampleId: 2, field: 'excluded', value: 1 }], 'manual');
    ws.labels.undo();
    ws.labels.undo();
    expect(labels()[0]).toBe(5);
    expect(ws.samples.get(2)!.excluded).toBe(false);
    ws.labels.apply([{ sampleId: 1, field: 'kept', value: 1 }], 'review');
    expect(ws.labels.canRedo()).toBe(false);
    expect(ws.labels.redo()).toBeNull();
    const history = ws.labels.history();
    expect(history.find((e) => e.field === 'excluded' && e.reason === 'manual')!.undone).toBe(true);
    expect(history[0]).toMatchObject({ sampleId: 1, field: 'kept', from: 0, to: 1, reason: 'review', undone: false });
    expect(ws.labels.history({ limit: 2 })).toHaveLength(2);
  });

  it('rejects unknown samples and invalid values without writing anything', () => {
    expect(() => ws.labels.apply([{ sampleId: 0, field: 'label', value: 5 }, { sampleId: 99, field: 'label', value: 1 }], 'bulk')).toThrow(UnknownSampleError);
    expect(() => ws.labels.apply([{ sampleId: 0, field: 'label', value: 7 }], 'manual')).toThrow(RangeError);
    expect(() => ws.labels.apply([{ sampleId: 0, field: 'excluded', value: 2 }], 'manual')).toThrow(RangeError);
    expect(labels()).toEqual([0, 1, 2, 3, 4]);
    expect(eventCount()).toBe(0);
  });

  it('records who made each step; nextStep names the step undo and redo would act on, with its changes', () => {
    ws.labels.apply([0, 1].map((sampleId) => ({ sampleId, field: 'label' as const, value: 6 })), 'bulk', { actor: 'http:tab1' });
    ws.labels.apply([{ sampleId: 2, field: 'excluded', value: 1 }, { sampleId: 3, field: 'kept', value: 1 }], 'review', { actor: 'local:cli' });
    expect(ws.labels.nextStep('undo')).toMatchObject({
      reason: 'review',
      actor: 'local:cli',
      changes: [
        { field: 'excluded', to: 1, count: 1 },
        { field: 'kept', to: 1, count: 1 },
      ],
    });
    expect(ws.labels.nextStep('redo')).toBeNull();
    ws.labels.undo({ actor: 'http:tab1' });
    expect(ws.labels.nextStep('undo')).toMatchObject({ reason: 'bulk', actor: 'http:tab1', changes: [{ field: 'label', to: 6, count: 2 }] });
    expect(ws.labels.nextStep('redo')).toMatchObject({ actor: 'local:cli' }); // the step itself, as its maker made it
    const undoer = ws.db.prepare("SELECT actor FROM label_batches WHERE reason = 'undo'").get() as { actor: string };
    expect(undoer.actor).toBe('http:tab1');
  });

  it('undo and redo with `expect` refuse, changing nothing, when another step is next by now', () => {
    ws.labels.apply([{ sampleId: 0, field: 'label', value: 5 }], 'manual', { actor: 'http:a' });
    const shown = ws.labels.nextStep('undo')!.batchId;
    ws.labels.apply([{ sampleId: 1, field: 'label', value: 5 }], 'manual', { actor: 'local:cli' }); // made in between
    const events = eventCount();
    expect(() => ws.labels.undo({ expect: shown })).toThrow(StaleStepError);
    expect(labels()).toEqual([5, 5, 2, 3, 4]);
    expect(eventCount()).toBe(events);
    const next = ws.labels.nextStep('undo')!.batchId;
    expect(ws.labels.undo({ expect: next })).toMatchObject({ changed: 1 });
    expect(labels()).toEqual([5, 1, 2, 3, 4]);
    expect(() => ws.labels.redo({ expect: shown })).toThrow(StaleStepError);
    expect(ws.labels.redo({ expect: next })).toMatchObject({ changed: 1 });
    ws.labels.undo();
    ws.labels.undo();
    expect(() => ws.labels.undo({ expect: shown })).toThrow(/Nothing to undo any more/);
  });
});
