import type { FlagItem } from '../api/noise-api.ts';
import { disagreeingNeighbourLabel } from '../../../src-common/issue-kinds.ts';
import type { NeighbourStore } from '../store/scan-neighbours.ts';
import type { SampleStore } from '../store/samples.ts';

/** A sample's look-alikes from scan `scanId`, most similar first, with their labels now; [] when the scan found none. */
export function lookAlikes(store: NeighbourStore, samples: SampleStore, scanId: number, sampleId: number): Array<{ sampleId: number; label: number; similarity: number }> {
  const stored = store.of(scanId, sampleId);
  if (!stored) return [];
  return [...stored.ids].flatMap((id, i) => {
    const n = id >= 0 ? samples.get(id) : null;
    return n ? [{ sampleId: id, label: n.label, similarity: stored.similarity[i]! }] : [];
  });
}

/** A review card with its first look-alikes, and 'neighbours-disagree' among its kinds when most of them carry one other label. */
export function withLookAlikes(item: FlagItem, store: NeighbourStore, samples: SampleStore, scanId: number, shown = 5): FlagItem {
  const all = lookAlikes(store, samples, scanId, item.sampleId);
  const disagree = disagreeingNeighbourLabel(item.label, all.map((n) => n.label)) !== null;
  return {
    ...item,
    lookAlikes: all.slice(0, shown).map(({ sampleId, label }) => ({ sampleId, label })),
    kinds: disagree && !item.kinds.includes('neighbours-disagree') ? [...item.kinds, 'neighbours-disagree'] : item.kinds,
  };
}
