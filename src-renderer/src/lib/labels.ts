import { FERPLUS_COLUMNS, SPLITS, isSplit } from '../../../src-common/classes.ts';
import { formatDuration } from '../../../src-common/format-duration.ts';
import { ISSUE_KIND_TEXT } from '../../../src-common/issue-kinds.ts';
import type { SAMPLE_BITS as CoreSampleBits } from './api/core-types.ts';
import { datasetDefinition } from './state/classes.svelte.ts';
import { isFer2013 } from '../../../src-common/dataset.ts';

export { FERPLUS_COLUMNS, ISSUE_KIND_TEXT, SPLITS, isSplit };

/** The workspace's class names in id order (reactive: read in a template or $derived, it follows the dataset). */
export const classNames = (): readonly string[] => datasetDefinition.current.classes;

/** One colour per class, used on badges, bars and charts (readable on both themes): FER2013's seven, three more, then hues spread evenly. */
const CLASS_PALETTE = ['#e5484d', '#46a758', '#8e4ec6', '#f5a524', '#3e63dd', '#12a594', '#8b8d98', '#d6409f', '#a18072', '#0090ff'] as const;
export const classColor = (id: number): string => CLASS_PALETTE[id] ?? `hsl(${Math.round((id * 137.508) % 360)} 55% 50%)`;

/** What excluding a sample means: FER2013's unusable images are mostly not faces; other datasets just say unusable. */
export const excludeReason = (): string => (isFer2013(datasetDefinition.current) ? 'not a face' : 'unusable');
/** The number keys that relabel, as the hint under a view says it: '1–7', '1–9, 0'. */
export const classKeysHint = (): string => {
  const n = Math.min(classNames().length, KEYED_CLASSES);
  return n <= 9 ? `1–${n}` : '1–9, 0';
};

/** Classes with a number key: 1-9, then 0 for the tenth. Beyond ten a picker takes over. */
export const KEYED_CLASSES = 10;
/** The key that relabels as class `c` ('1'..'9', '0'), or null beyond the tenth. */
export const classKey = (c: number): string | null => (c < 9 ? String(c + 1) : c === 9 ? '0' : null);
/** Shortcut entries: each keyed class's number relabels as it. */
export const classShortcuts = (act: (c: number) => void): Record<string, () => void> =>
  Object.fromEntries(classNames().flatMap((_, c) => (classKey(c) === null ? [] : [[classKey(c)!, () => act(c)]])));

/** Bits of SampleList.flags; `satisfies` fails the typecheck if the core's bits ever change. */
export const BITS = { excluded: 1, kept: 2, changed: 4, flagged: 8 } as const satisfies typeof CoreSampleBits;

export const className = (id: number): string => classNames()[id] ?? `class ${id}`;
/** 'an angry', 'a happy' (captions of the triplet examples). */
export const withArticle = (word: string): string => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
export const pct = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`);

/** A noise score as the score filter and its bulk accept show it (the same digits in both, so they agree). */
export const formatScore = (x: number): string => x.toFixed(3);

export function formatSeconds(s: number | undefined | null): string {
  return s === undefined || s === null || !Number.isFinite(s) ? '–' : formatDuration(s, ' ');
}
