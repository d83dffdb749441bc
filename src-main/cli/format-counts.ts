import { CLASS_NAMES, SPLITS, type Split } from '../../src-common/classes.ts';

/** A small fixed-width table: one line per split, one column per class, and totals. */
export function formatSplitCounts(counts: Record<Split, number[]>): string[] {
  const cols = [...CLASS_NAMES, 'total'];
  const width = 9;
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
