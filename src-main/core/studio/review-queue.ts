import type { FlagItem, FlagPair, ReviewQueue } from '../api/noise-api.ts';
import { describeGroup } from '../duplicates/group-report.ts';
import { queueCards } from '../duplicates/queue-cards.ts';
import type { DuplicateStore } from '../store/duplicates.ts';
import type { PairFilter, QueueHead, ScanStore } from '../store/scans.ts';

/**
 * A scan's review queue as cards (one per duplicate group, conflicting groups included though unflagged),
 * counted and paged by card. Cards are made from every flag's head (no probabilities: cheap for the 5,000 flags
 * of a default scan); only the page's cards are read in full.
 */
export function reviewQueueCards(
  scans: ScanStore,
  duplicates: DuplicateStore,
  scanId: number,
  q: { status: 'open' | 'decided' | 'all'; offset: number; limit: number } & PairFilter,
): ReviewQueue {
  const all = allCards(scans, duplicates, scanId);
  // an error-matrix cell holds the flag cards whose lead has that pair (conflicts no model flagged are in no cell)
  const inPair = (c: QueueHead) => c.rank > 0 && (q.given === undefined || c.given === q.given) && (q.suggested === undefined || c.suggested === q.suggested);
  const cards = q.given === undefined && q.suggested === undefined ? all : all.filter(inPair);
  const open = cards.filter((c) => c.status === 'open').length;
  const shown = q.status === 'all' ? cards : cards.filter((c) => (c.status === 'open') === (q.status === 'open'));
  const page = shown.slice(q.offset, q.offset + q.limit);
  const full = new Map(scans.scoredItems(scanId, page.map((c) => c.sampleId)).map((i) => [i.sampleId, i]));
  const items = page.map((c): FlagItem => ({ ...full.get(c.sampleId)!, rank: c.rank, status: c.status, kinds: c.kinds, copies: c.copies }));
  return { scanId, total: cards.length, open, decided: cards.length - open, items };
}

/** The flag cards of a scan's queue counted by (label when scanned, suggested label): the error matrix's cells, as its filtered queue counts them. */
export function cardPairs(scans: ScanStore, duplicates: DuplicateStore, scanId: number): FlagPair[] {
  const pairs = new Map<string, FlagPair>();
  for (const c of allCards(scans, duplicates, scanId)) {
    if (c.rank === 0) continue;
    const key = `${c.given},${c.suggested}`;
    const p = pairs.get(key) ?? { given: c.given, suggested: c.suggested, total: 0, open: 0 };
    p.total++;
    if (c.status === 'open') p.open++;
    pairs.set(key, p);
  }
  return [...pairs.values()].sort((a, b) => a.given - b.given || a.suggested - b.suggested);
}

/** Every card of the queue, in order, as heads. */
/** The groups must be up to date (DuplicateGrouping.ready) before the cards are read. */
function allCards(scans: ScanStore, duplicates: DuplicateStore, scanId: number) {
  const groups = duplicates.groups().map(describeGroup);
  const flags = scans.queueHeads(scanId, 'flags');
  const flagged = new Set(flags.map((f) => f.sampleId));
  const unflaggedConflicts = groups.filter((g) => g.labelConflict && !g.members.some((m) => flagged.has(m.sampleId)));
  // the best-scored image of each such group leads its card (queueCards keeps the first of each group)
  const unflagged = scans.queueHeads(scanId, unflaggedConflicts.flatMap((g) => g.members.map((m) => m.sampleId)));
  return queueCards(flags, unflagged, groups);
}
