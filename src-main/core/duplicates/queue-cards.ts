import type { DuplicateCopy, DuplicateGroup } from '../api/duplicates-api.ts';
import type { FlagItem, FlagStatus } from '../api/noise-api.ts';

/** What a card needs of a queue item to be made. */
export type CardHead = Pick<FlagItem, 'sampleId' | 'score' | 'status' | 'kinds'>;

/**
 * The review queue as cards: one card per duplicate group, so the same face never comes twice.
 * A group's card is its best-ranked flag, carrying the other images as `copies`. A group whose FER2013 labels
 * conflict is a card even when the scan flagged none of its images: `unflagged` holds such images (scored by
 * the scan, best score first); the best-scored one of each group leads its card, placed among the flags by score.
 * `flags` come in rank order (score order for the scan's ranking).
 */
export function queueCards<T extends CardHead>(flags: readonly T[], unflagged: readonly T[], groups: readonly DuplicateGroup[]): Array<T & { copies: DuplicateCopy[] }> {
  const groupOf = new Map<number, DuplicateGroup>();
  for (const g of groups) for (const m of g.members) groupOf.set(m.sampleId, g);
  const carded = new Set<number>();
  const cardOf = (item: T): (T & { copies: DuplicateCopy[] }) | null => {
    const g = groupOf.get(item.sampleId);
    if (!g) return { ...item, copies: [] };
    if (carded.has(g.id)) return null;
    carded.add(g.id);
    const copies = g.members.filter((m) => m.sampleId !== item.sampleId);
    const kinds = g.labelConflict && !item.kinds.includes('duplicate-conflict') ? [...item.kinds, 'duplicate-conflict' as const] : item.kinds;
    return { ...item, copies, kinds, status: groupStatus(item.status, copies) };
  };
  const flagged = flags.map(cardOf).filter((c) => c !== null);
  const conflicts = unflagged.filter((i) => groupOf.get(i.sampleId)?.labelConflict).map(cardOf).filter((c) => c !== null);
  return mergeByScore(flagged, conflicts);
}

/** A card is decided once any of its images is: the card's own status first, else the first decided copy's. */
export function groupStatus(own: FlagStatus, copies: ReadonlyArray<Pick<DuplicateCopy, 'excluded' | 'label' | 'originalLabel' | 'kept'>>): FlagStatus {
  if (own !== 'open') return own;
  for (const c of copies) {
    if (c.excluded) return 'excluded';
    if (c.label !== c.originalLabel) return 'relabeled';
    if (c.kept) return 'kept';
  }
  return 'open';
}

/** Both lists highest score first; ties keep the flag first. */
function mergeByScore<T extends CardHead>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  let j = 0;
  for (const item of a) {
    while (j < b.length && b[j]!.score > item.score) out.push(b[j++]!);
    out.push(item);
  }
  return out.concat(b.slice(j));
}
