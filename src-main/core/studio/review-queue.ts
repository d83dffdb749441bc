import type { FlagItem, FlagPair, FlagStatus, ReviewQueue } from '../api/noise-api.ts';
import { describeGroup } from '../duplicates/group-report.ts';
import { groupStatus, queueCards } from '../duplicates/queue-cards.ts';
import type { DuplicateStore } from '../store/duplicates.ts';
import type { SampleStore, TouchedSample } from '../store/samples.ts';
import type { PairFilter, QueueHead, ScanStore } from '../store/scans.ts';

/** A card as the queue orders it, without what decisions change: its status and its copies' labels. */
interface CardSkeleton {
  head: Omit<QueueHead, 'status'>;
  originalLabel: number; // the lead's label at import: its status, with `given`, while no decision touched it
  copyIds: number[];
}

type Card = QueueHead & { copyIds: number[] };

/**
 * A scan's review queue as cards (one per duplicate group, conflicting groups included though unflagged),
 * counted and paged by card; only the page's cards are read in full.
 *
 * Making the cards reads every group's members and every flag: 12 s at a million jittered samples (984,665 in
 * groups, 200,000 flags), for every page. What makes them (the scan's flags and scores, the groups, the original
 * labels) does not change until the groups are made again or the scan is, so the cards are kept, and each
 * request only adds the statuses: one pass over the samples a decision touched.
 */
export class ReviewCards {
  private cached: { key: string; cards: CardSkeleton[] } | null = null;

  constructor(
    private readonly scans: ScanStore,
    private readonly duplicates: DuplicateStore,
    private readonly samples: SampleStore,
  ) {}

  /** The groups must be up to date (DuplicateGrouping.ready) before the cards are read. */
  queue(scanId: number, q: { status: 'open' | 'decided' | 'all'; offset: number; limit: number } & PairFilter): ReviewQueue {
    const all = this.cards(scanId);
    // an error-matrix cell holds the flag cards whose lead has that pair (conflicts no model flagged are in no cell)
    const inPair = (c: QueueHead) => c.rank > 0 && (q.given === undefined || c.given === q.given) && (q.suggested === undefined || c.suggested === q.suggested);
    const cards = q.given === undefined && q.suggested === undefined ? all : all.filter(inPair);
    const open = cards.filter((c) => c.status === 'open').length;
    const shown = q.status === 'all' ? cards : cards.filter((c) => (c.status === 'open') === (q.status === 'open'));
    const page = shown.slice(q.offset, q.offset + q.limit);
    const full = new Map(this.scans.scoredItems(scanId, page.map((c) => c.sampleId)).map((i) => [i.sampleId, i]));
    const members = new Map(this.duplicates.groupsOf(page.map((c) => c.sampleId)).flatMap((g) => g.members.map((m) => [m.sampleId, m] as const)));
    const items = page.map((c): FlagItem => ({
      ...full.get(c.sampleId)!,
      rank: c.rank,
      status: c.status,
      kinds: c.kinds,
      copies: c.copyIds.flatMap((id) => members.get(id) ?? []), // none missing unless a regrouping committed meanwhile
    }));
    return { scanId, total: cards.length, open, decided: cards.length - open, items };
  }

  /** The flag cards of a scan's queue counted by (label when scanned, suggested label): the error matrix's cells, as its filtered queue counts them. */
  pairs(scanId: number): FlagPair[] {
    const pairs = new Map<string, FlagPair>();
    for (const c of this.cards(scanId)) {
      if (c.rank === 0) continue;
      const key = `${c.given},${c.suggested}`;
      const p = pairs.get(key) ?? { given: c.given, suggested: c.suggested, total: 0, open: 0 };
      p.total++;
      if (c.status === 'open') p.open++;
      pairs.set(key, p);
    }
    return [...pairs.values()].sort((a, b) => a.given - b.given || a.suggested - b.suggested);
  }

  /** Every card of the queue, in order, with its status now. */
  private cards(scanId: number): Card[] {
    const touched = this.samples.touched();
    return this.skeleton(scanId).map((c) => {
      const copies = c.copyIds.flatMap((id) => touched.get(id) ?? []);
      return { ...c.head, copyIds: c.copyIds, status: groupStatus(leadStatus(c, touched.get(c.head.sampleId)), copies) };
    });
  }

  private skeleton(scanId: number): CardSkeleton[] {
    const stamp = this.duplicates.stamp();
    const scan = this.scans.get(scanId);
    const key = JSON.stringify([scanId, scan?.status, scan?.durationSeconds, scan?.flags, stamp]);
    if (this.cached?.key === key) return this.cached.cards;
    const groups = this.duplicates.groups().map(describeGroup);
    const flags = this.scans.queueHeads(scanId, 'flags');
    const flagged = new Set(flags.map((f) => f.sampleId));
    const unflaggedConflicts = groups.filter((g) => g.labelConflict && !g.members.some((m) => flagged.has(m.sampleId)));
    // the best-scored image of each such group leads its card (queueCards keeps the first of each group)
    const unflagged = this.scans.queueHeads(scanId, unflaggedConflicts.flatMap((g) => g.members.map((m) => m.sampleId)));
    const cards = queueCards(flags, unflagged, groups);
    const originals = this.samples.originalLabelsOf(cards.map((c) => c.sampleId));
    const skeleton = cards.map(({ status: _status, copies, ...head }): CardSkeleton => ({ head, originalLabel: originals.get(head.sampleId)!, copyIds: copies.map((m) => m.sampleId) }));
    this.cached = { key, cards: skeleton };
    return skeleton;
  }
}

/** The lead's own status, as the queue's SQL (STATUS_SQL) reads it: excluded, else relabelled since the scan, else kept. */
function leadStatus(c: CardSkeleton, t: TouchedSample | undefined): FlagStatus {
  if (!t) return c.originalLabel !== c.head.given ? 'relabeled' : 'open';
  if (t.excluded) return 'excluded';
  if (t.label !== c.head.given) return 'relabeled';
  return t.kept ? 'kept' : 'open';
}
