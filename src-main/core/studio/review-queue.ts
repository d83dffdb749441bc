import type { ReviewQueue } from '../api/noise-api.ts';
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
  const pair = { given: q.given, suggested: q.suggested };
  const flags = scans.reviewQueue(scanId, 'all', 0, -1, pair).items;
  const flagged = scans.flaggedIds(scanId);
  const unflaggedConflicts = groups.filter((g) => g.labelConflict && !g.members.some((m) => flagged.has(m.sampleId)));
  // the best-scored image of each such group leads its card; a pair filter applies to that lead
  const leadOf = new Map<number, number>();
  for (const g of unflaggedConflicts) for (const m of g.members) leadOf.set(m.sampleId, g.id);
  const leads = new Set<number>();
  const unflagged = scans.scoredItems(scanId, [...leadOf.keys()]).filter((item) => {
    const group = leadOf.get(item.sampleId)!;
    if (leads.has(group)) return false;
    leads.add(group);
    return (q.given === undefined || item.given === q.given) && (q.suggested === undefined || item.suggested === q.suggested);
  });
  const cards = queueCards(flags, unflagged, groups);
  const open = cards.filter((c) => c.status === 'open').length;
  const shown = q.status === 'all' ? cards : cards.filter((c) => (c.status === 'open') === (q.status === 'open'));
  return { scanId, total: cards.length, open, decided: cards.length - open, items: shown.slice(q.offset, q.offset + q.limit) };
}
