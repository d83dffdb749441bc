import type { FlagItem } from '../api/noise-api.ts';
import { disagreeingNeighbourLabel } from '../../../src-common/issue-kinds.ts';
import type { NeighbourStore, StoredNeighbours } from '../store/scan-neighbours.ts';
import type { SampleStore } from '../store/samples.ts';

type LookAlike = { sampleId: number; label: number; similarity: number };

/** Stored neighbours with their labels now, most similar first (labels read once for all of them). */
function withLabels(stored: ReadonlyArray<StoredNeighbours | null>, samples: SampleStore): LookAlike[][] {
  const labels = samples.labelsOf(stored.flatMap((s) => (s ? [...s.ids].filter((id) => id >= 0) : [])));
  return stored.map((s) =>
    s
      ? [...s.ids].flatMap((sampleId, i) => {
          const label = labels.get(sampleId);
          return label === undefined ? [] : [{ sampleId, label, similarity: s.similarity[i]! }];
        })
      : [],
  );
}

/** A sample's look-alikes from scan `scanId`, most similar first, with their labels now; [] when the scan found none. */
export function lookAlikes(store: NeighbourStore, samples: SampleStore, scanId: number, sampleId: number): LookAlike[] {
  return withLabels([store.of(scanId, sampleId)], samples)[0]!;
}

/**
 * Review cards with their first look-alikes, and 'neighbours-disagree' among their kinds when most of them carry one
 * other label. One label query for the whole page.
 */
export function withLookAlikes(items: readonly FlagItem[], store: NeighbourStore, samples: SampleStore, scanId: number, shown = 5): FlagItem[] {
  const all = withLabels(items.map((item) => store.of(scanId, item.sampleId)), samples);
  return items.map((item, i) => {
    const near = all[i]!;
    const disagree = disagreeingNeighbourLabel(item.label, near.map((n) => n.label)) !== null;
    return {
      ...item,
      lookAlikes: near.slice(0, shown).map(({ sampleId, label }) => ({ sampleId, label })),
      kinds: disagree && !item.kinds.includes('neighbours-disagree') ? [...item.kinds, 'neighbours-disagree'] : item.kinds,
    };
  });
}
