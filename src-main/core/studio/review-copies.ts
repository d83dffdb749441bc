import type { SampleChange } from '../store/label-history.ts';
import type { DuplicateStore } from '../store/duplicates.ts';

/**
 * The same changes for every copy of each changed sample's duplicate group (a group card is decided as one).
 * When two changed samples share a group, the first one's change wins for the copies. The groups must be up to
 * date (DuplicateGrouping.ready).
 */
export function withCopies(changes: readonly SampleChange[], duplicates: DuplicateStore): SampleChange[] {
  const membersOf = new Map<number, number[]>();
  for (const g of duplicates.groupsOf(changes.map((c) => c.sampleId))) {
    const ids = g.members.map((m) => m.sampleId);
    for (const id of ids) membersOf.set(id, ids);
  }
  const done = new Set<string>();
  const out: SampleChange[] = [];
  for (const c of changes) {
    // the sample's own change first, then its copies'
    for (const sampleId of [c.sampleId, ...(membersOf.get(c.sampleId) ?? [])]) {
      const key = `${sampleId}:${c.field}`;
      if (done.has(key)) continue;
      done.add(key);
      out.push({ ...c, sampleId });
    }
  }
  return out;
}
