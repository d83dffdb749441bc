import { SPLITS, type Split } from '../../src-common/classes.ts';

/** Beyond this many classes a column per class is unreadable: the table shows totals only. */
const MAX_CLASS_COLUMNS = 12;

/** A small fixed-width table: one line per split, one column per class (up to 12 classes), and totals. */
export function formatSplitCounts(counts: Record<Split, number[]>, classNames: readonly string[]): string[] {
  if (classNames.length > MAX_CLASS_COLUMNS) {
    const total = (s: Split) => counts[s].reduce((a, b) => a + b, 0);
    return [...SPLITS.map((s) => `${s.padEnd(12)}${String(total(s)).padStart(9)}`), `${'all'.padEnd(12)}${String(SPLITS.reduce((a, s) => a + total(s), 0)).padStart(9)}  (${classNames.length} classes)`];
  }
  const cols = [...classNames, 'total'];
  const width = Math.max(9, ...cols.map((c) => c.length + 1));
  const lines = ['split'.padEnd(12) + cols.map((c) => c.padStart(width)).join('')];
  const totals = new Array<number>(cols.length).fill(0);
  for (const split of SPLITS) {
    const row = [...counts[split], counts[split].reduce((a, b) => a + b, 0)];
    row.forEach((n, i) => (totals[i]! += n));
    lines.push(split.padEnd(12) + row.map((n) => String(n).padStart(width)).join(''));
  }
  lines.push('all'.padEnd(12) + totals.map((n) => String(n).padStart(width)).join(''));
  return lines;
}
