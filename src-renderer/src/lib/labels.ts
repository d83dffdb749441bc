import { CLASS_NAMES, FERPLUS_COLUMNS, NUM_CLASSES, SPLITS } from '../../../src-main/core/classes.ts';
import type { SAMPLE_BITS as CoreSampleBits } from './api/core-types.ts';

export { CLASS_NAMES, FERPLUS_COLUMNS, NUM_CLASSES, SPLITS };

/** One colour per class, used on badges, bars and charts (readable on both themes). */
export const CLASS_COLORS = ['#e5484d', '#46a758', '#8e4ec6', '#f5a524', '#3e63dd', '#12a594', '#8b8d98'] as const;

/** Bits of SampleList.flags; `satisfies` fails the typecheck if the core's bits ever change. */
export const BITS = { excluded: 1, kept: 2, changed: 4, flagged: 8 } as const satisfies typeof CoreSampleBits;

export const className = (id: number): string => CLASS_NAMES[id] ?? `class ${id}`;
export const pct = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)}%`);

export function formatSeconds(s: number | undefined | null): string {
  if (s === undefined || s === null || !Number.isFinite(s)) return '–';
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m` : m > 0 ? `${m}m ${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}
