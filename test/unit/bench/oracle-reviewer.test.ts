import { describe, expect, it } from 'vitest';
import { decide } from '../../../bench/_oracle-reviewer.ts';

// Votes in the workspace's order: angry, disgust, fear, happy, sad, surprise, neutral, contempt, unknown, nf.
const votes = (v: Partial<Record<'angry' | 'happy' | 'sad' | 'neutral' | 'contempt' | 'unknown' | 'nf', number>>) => [
  v.angry ?? 0, 0, 0, v.happy ?? 0, v.sad ?? 0, 0, v.neutral ?? 0, v.contempt ?? 0, v.unknown ?? 0, v.nf ?? 0,
];

describe('the simulated reviewer of bench loop', () => {
  it('relabels to a 7-class majority that differs, keeps one that agrees', () => {
    expect(decide(6, votes({ happy: 8, neutral: 2 }))).toEqual({ action: 'relabel', label: 3 });
    expect(decide(3, votes({ happy: 8, neutral: 2 }))).toEqual({ action: 'keep' });
  });

  it('excludes when the majority is unknown or not a face', () => {
    expect(decide(0, votes({ unknown: 7, sad: 3 }))).toEqual({ action: 'exclude' });
    expect(decide(0, votes({ nf: 10 }))).toEqual({ action: 'exclude' });
  });

  it('keeps when the votes name no class: contempt, a tie, no votes', () => {
    expect(decide(0, votes({ contempt: 8, angry: 2 }))).toEqual({ action: 'keep' });
    expect(decide(0, votes({ happy: 5, sad: 5 }))).toEqual({ action: 'keep' });
    expect(decide(0, null)).toEqual({ action: 'keep' });
  });
});
