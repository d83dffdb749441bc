import { CLASS_NAMES, FERPLUS_COLUMNS, NUM_CLASSES, SPLITS, isSplit } from '../../../src-common/classes.ts';
import { formatDuration } from '../../../src-common/format-duration.ts';
import { ISSUE_KIND_TEXT } from '../../../src-common/issue-kinds.ts';
import type { SAMPLE_BITS as CoreSampleBits } from './api/core-types.ts';

export { CLASS_NAMES, FERPLUS_COLUMNS, ISSUE_KIND_TEXT, NUM_CLASSES, SPLITS, isSplit };

/** One colour per class, used on badges, bars and charts (readable on both themes). */
export const CLASS_COLORS = ['#e5484d', '#46a758', '#8e4ec6', '#f5a524', '#3e63dd', '#12a594', '#8b8d98'] as const;

/** Bits of SampleList.flags; `satisfies` fails the typecheck if the core's bits ever change. */
export const BITS = { excluded: 1, kept: 2, changed: 4, flagged: 8 } as const satisfies typeof CoreSampleBits;

export const className = (id: number): string => CLASS_NAMES[id] ?? `class ${id}`;
/** 'an angry', 'a happy' (captions of the triplet examples). */
export const withArticle = (word: string): string => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
export const pct = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`);

/** A noise score as the score filter and its bulk accept show it (the same digits in both, so they agree). */
export const formatScore = (x: number): string => x.toFixed(3);

export function formatSeconds(s: number | undefined | null): string {
  return s === undefined || s === null || !Number.isFinite(s) ? '–' : formatDuration(s, ' ');
}
