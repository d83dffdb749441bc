import type { FlagItem, FlagPair, ReviewQueue } from '../api/noise-api.ts';
import { describeGroup } from '../duplicates/group-report.ts';
import { queueCards } from '../duplicates/queue-cards.ts';
import type { DuplicateStore } from '../store/duplicates.ts';
import type { PairFilter, ScanStore } from '../store/scans.ts';

/**
 * A scan's review queue as cards (one per duplicate group, conflicting groups included though unflagged),
 * counted and paged by card. The whole queue is read each time: it is at most maxFlags flags (5,000 by default).
 */
export function reviewQueueCards(
  scans: ScanStore,
  duplicates: DuplicateStore,
  scanId: number,
  q: { status: 'open' | 'decided' | 'all'; offset: number; limit: number } & PairFilter,
): ReviewQueue {
  duplicates.refresh();
  const groups = duplicates.groups().map(describeGroup);
  const flags = scans.reviewQueue(scanId, 'all', 0, -1).items;
  const flagged = new Set(flags.map((f) => f.sampleId));
  const unflaggedConflicts = groups.filter((g) => g.labelConflict && !g.members.some((m) => flagged.has(m.sampleId)));
  // the best-scored image of each such group leads its card (queueCards keeps the first of each group)
  const unflagged = scans.scoredItems(scanId, unflaggedConflicts.flatMap((g) => g.members.map((m) => m.sampleId)));
  const all = queueCards(flags, unflagged, groups);
  // an error-matrix cell holds the flag cards whose lead has that pair (conflicts no model flagged are in no cell)
  const inPair = (c: FlagItem) => c.rank > 0 && (q.given === undefined || c.given === q.given) && (q.suggested === undefined || c.suggested === q.suggested);
  const cards = q.given === undefined && q.suggested === undefined ? all : all.filter(inPair);
  const open = cards.filter((c) => c.status === 'open').length;
  const shown = q.status === 'all' ? cards : cards.filter((c) => (c.status === 'open') === (q.status === 'open'));
  return { scanId, total: cards.length, open, decided: cards.length - open, items: shown.slice(q.offset, q.offset + q.limit) };
}

/** The flag cards of a scan's queue counted by (label when scanned, suggested label): the error matrix's cells, as its filtered queue counts them. */
export function cardPairs(scans: ScanStore, duplicates: DuplicateStore, scanId: number): FlagPair[] {
  const cards = reviewQueueCards(scans, duplicates, scanId, { status: 'all', offset: 0, limit: Infinity }).items.filter((c) => c.rank > 0);
  const pairs = new Map<string, FlagPair>();
  for (const c of cards) {
    const key = `${c.given},${c.suggested}`;
    const p = pairs.get(key) ?? { given: c.given, suggested: c.suggested, total: 0, open: 0 };
    p.total++;
    if (c.status === 'open') p.open++;
    pairs.set(key, p);
  }
  return [...pairs.values()].sort((a, b) => a.given - b.given || a.suggested - b.suggested);
}
