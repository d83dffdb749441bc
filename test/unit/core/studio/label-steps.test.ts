import { beforeEach, describe, expect, it } from 'vitest';
import { actorOf, describeChanges, undoState } from '../../../../src-main/core/studio/label-steps.ts';
import { insertSyntheticSamples } from '../../../helpers/temp-workspace.ts';
import { workspacePerTest } from '../../../helpers/workspace-per-test.ts';

const workspace = workspacePerTest();
let ws: ReturnType<typeof workspace>;
beforeEach(() => {
  ws = workspace();
  insertSyntheticSamples(ws, [0, 1, 2, 3, 4]);
});

describe('actorOf', () => {
  it('keeps a well-formed client id and drops anything else', () => {
    expect(actorOf({ door: 'http', client: 'a1b2c3' })).toBe('http:a1b2c3');
    expect(actorOf({ door: 'ipc', client: 'window-2' })).toBe('ipc:window-2');
    expect(actorOf({ door: 'local', client: 'cli' })).toBe('local:cli');
    expect(actorOf({ door: 'http' })).toBe('http');
    expect(actorOf({ door: 'http', client: 'a:b' })).toBe('http');
    expect(actorOf({ door: 'http', client: 'x'.repeat(65) })).toBe('http');
  });
});

describe('describeChanges', () => {
  it('words a step by what it changed', () => {
    expect(describeChanges({ reason: 'manual', changes: [{ field: 'label', to: 3, count: 1 }] })).toBe('1 sample relabelled to happy');
    expect(describeChanges({ reason: 'bulk', changes: [{ field: 'label', to: 3, count: 2 }, { field: 'label', to: 4, count: 1 }] })).toBe('3 samples relabelled');
    expect(describeChanges({ reason: 'accepted-suggestion', changes: [{ field: 'label', to: 0, count: 4 }] })).toBe('4 samples set to their suggestion to angry');
    expect(describeChanges({ reason: 'review', changes: [{ field: 'label', to: 6, count: 1 }, { field: 'kept', to: 1, count: 2 }] })).toBe('1 sample relabelled to neutral, 2 samples kept');
    expect(describeChanges({ reason: 'manual', changes: [{ field: 'excluded', to: 0, count: 5 }] })).toBe('5 samples included again');
  });
});

describe('undoState', () => {
  it("is worded for the one who asks: 'you' for their own step, the other door otherwise", () => {
    const tab = { door: 'http' as const, client: 'tab1' };
    ws.labels.apply([{ sampleId: 1, field: 'label', value: 3 }], 'manual', { actor: actorOf(tab) });
    expect(undoState(ws.labels, tab)).toMatchObject({ canUndo: true, canRedo: false, undoStep: { what: '1 sample relabelled to happy', by: 'you', mine: true }, redoStep: null });
    expect(undoState(ws.labels, { door: 'http', client: 'tab2' }).undoStep).toMatchObject({ by: 'another browser tab', mine: false });
    expect(undoState(ws.labels, { door: 'local', client: 'cli' }).undoStep).toMatchObject({ by: 'another browser tab', mine: false });
    ws.labels.apply([{ sampleId: 2, field: 'excluded', value: 1 }], 'manual', { actor: 'local:cli' });
    expect(undoState(ws.labels, tab).undoStep).toMatchObject({ what: '1 sample excluded', by: 'the command line', mine: false });
    ws.labels.apply([{ sampleId: 3, field: 'kept', value: 1 }], 'review', { actor: 'ipc:window-1' });
    expect(undoState(ws.labels, tab).undoStep).toMatchObject({ by: 'another desktop window' });
    expect(undoState(ws.labels, { door: 'ipc', client: 'window-1' }).undoStep).toMatchObject({ by: 'you', mine: true });
    ws.labels.apply([{ sampleId: 4, field: 'kept', value: 1 }], 'review'); // a step from before schema v4 has no actor
    expect(undoState(ws.labels, tab).undoStep).toMatchObject({ by: 'an earlier version of the studio', mine: false });
    ws.labels.undo();
    expect(undoState(ws.labels, tab)).toMatchObject({ canRedo: true, redoStep: { what: '1 sample kept' } });
  });
});
