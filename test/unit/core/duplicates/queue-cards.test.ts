import { describe, expect, it } from 'vitest';
import type { DuplicateGroup, FlagItem } from '../../../../src-main/core/api.ts';
import { queueCards } from '../../../../src-main/core/duplicates/queue-cards.ts';

const flag = (sampleId: number, score: number, more: Partial<FlagItem> = {}): FlagItem => ({
  sampleId, rank: 1, score, given: 0, label: 0, suggested: 1, probs: [], votes: null, status: 'open', kinds: ['low-margin'], copies: [], ...more,
});
const copy = (sampleId: number, label: number, more: Partial<DuplicateGroup['members'][number]> = {}) => ({
  sampleId, split: 'Training' as const, label, originalLabel: label, excluded: false, kept: false, ...more,
});
const group = (members: DuplicateGroup['members'], labelConflict: boolean): DuplicateGroup => ({
  id: members[0]!.sampleId, exact: false, labelConflict, conflictNow: labelConflict, crossSplit: false, members,
});

describe('queueCards', () => {
  it('folds flags of one group into the best-ranked one, with the others as copies', () => {
    const groups = [group([copy(1, 0), copy(5, 0), copy(9, 0)], false)];
    const cards = queueCards([flag(5, 0.9), flag(2, 0.8), flag(9, 0.7), flag(3, 0.6)], [], groups);
    expect(cards.map((c) => [c.sampleId, c.copies.map((m) => m.sampleId)])).toEqual([[5, [1, 9]], [2, []], [3, []]]);
    expect(cards[0]!.kinds).toEqual(['low-margin']);
  });

  it('adds duplicate-conflict to a flagged group whose labels conflict, and a card for an unflagged conflicting group, placed by score', () => {
    const groups = [group([copy(1, 0), copy(4, 3)], true), group([copy(6, 2), copy(7, 5)], true), group([copy(8, 1), copy(10, 1)], false)];
    const unflagged = [flag(7, 0.75, { rank: 0, kinds: [] }), flag(6, 0.5, { rank: 0, kinds: [] }), flag(10, 0.4, { rank: 0, kinds: [] })];
    const cards = queueCards([flag(4, 0.9, { kinds: ['label-issue'] }), flag(2, 0.8), flag(3, 0.7)], unflagged, groups);
    expect(cards.map((c) => [c.sampleId, c.kinds, c.copies.map((m) => m.sampleId)])).toEqual([
      [4, ['label-issue', 'duplicate-conflict'], [1]],
      [2, ['low-margin'], []],
      [7, ['duplicate-conflict'], [6]], // 0.75: between 0.8 and 0.7; 6 is its copy, not a card; 10's group does not conflict
      [3, ['low-margin'], []],
    ]);
  });

  it('a card is decided when any copy is: excluded, relabelled or kept', () => {
    const groups = [
      group([copy(1, 0), copy(2, 0, { excluded: true })], false),
      group([copy(3, 0), copy(4, 3, { originalLabel: 0 })], false),
      group([copy(5, 0), copy(6, 0, { kept: true })], false),
      group([copy(7, 0), copy(8, 0)], false),
    ];
    const cards = queueCards([flag(1, 0.9), flag(3, 0.8), flag(5, 0.7), flag(7, 0.6), flag(8, 0.5, { status: 'kept' })], [], groups);
    expect(cards.map((c) => [c.sampleId, c.status])).toEqual([[1, 'excluded'], [3, 'relabeled'], [5, 'kept'], [7, 'open']]);
  });
});
