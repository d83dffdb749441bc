import { describe, expect, it } from 'vitest';
import { disagreeingNeighbourLabel, issueKinds, NEIGHBOURS_DISAGREE_AT } from '../../../src-common/issue-kinds.ts';

describe('issueKinds', () => {
  it('names why a sample is in the queue, in a fixed order', () => {
    expect(issueKinds({ issue: true, flagged: true, duplicateConflict: false })).toEqual(['label-issue']);
    expect(issueKinds({ issue: false, flagged: true, duplicateConflict: true })).toEqual(['low-margin', 'duplicate-conflict']);
    expect(issueKinds({ issue: false, flagged: false, duplicateConflict: false, neighboursDisagree: true })).toEqual(['neighbours-disagree']);
    expect(issueKinds({ issue: false, flagged: false, duplicateConflict: false })).toEqual([]);
  });
});

describe('disagreeingNeighbourLabel', () => {
  it('is the other label a majority of the 10 neighbours carry, else null', () => {
    expect(NEIGHBOURS_DISAGREE_AT).toBe(6);
    expect(disagreeingNeighbourLabel(3, [6, 6, 6, 6, 6, 6, 3, 3, 0, 1])).toBe(6);
    expect(disagreeingNeighbourLabel(3, [6, 6, 6, 6, 6, 3, 3, 3, 0, 1])).toBeNull(); // 5 of 10: no majority
    expect(disagreeingNeighbourLabel(3, [0, 0, 0, 1, 1, 1, 2, 2, 4, 4])).toBeNull(); // all disagree, but on nothing
    expect(disagreeingNeighbourLabel(6, [6, 6, 6, 6, 6, 6, 6, 6, 6, 6])).toBeNull(); // they agree with it
  });
});
