/**
 * Each scanned sample's nearest look-alikes, for the reviewer ("these 5 faces carry these labels"): the scan's fold
 * models embed the samples they scored (penultimate features; none of them trained that model), and the neighbours
 * are searched within each fold (one model, one feature space). Measured not to improve the ranking (neighbours.ts),
 * so they are shown, not scored.
 *
 * Its cost: 76 s of a 20m54s fast-cpu scan of FER2013's Training (2 folds of 14,355; 2 cores without AVX-512,
 * 2026-12-03), a second forward pass over every image plus the search. Embedding in the scoring pass (train-fold.ts)
 * would save the pass; not done yet, since training is 86% of the scan.
 */
import { penultimateFeatures } from '../embeddings.ts';
import { LoadedModel } from '../trained-model.ts';
import type { ImageSet } from '../image-set.ts';
import { nearestNeighbours, normalizeRows } from './neighbours.ts';
import { selectImages } from '../image-set.ts';

/** How many neighbours a scan keeps per sample (the panel shows the first 5, the issue kind reads all). */
export const NEIGHBOURS_KEPT = 10;
/** Past this many samples in one fold the all-pairs search (n² dot products) is skipped: minutes become hours. */
export const MAX_FOLD_FOR_NEIGHBOURS = 150_000;

export interface ScanNeighbours {
  k: number;
  /** count x k indices into the scan set, row i for sample i. */
  index: Int32Array;
  similarity: Float32Array;
}

/**
 * `groups[r]`: the scan-set indices round r scored, embedded with the model in `modelDirs[r]`; `k` neighbours each
 * (NEIGHBOURS_KEPT by default; the neighbours bench asks for more). Null when a fold is too large or has no kept
 * model (a scan from before fold models were kept).
 */
export async function scanNeighbours(
  set: ImageSet,
  groups: readonly number[][],
  modelDirs: readonly string[],
  options: { hasModel: (dir: string) => boolean; k?: number; signal?: AbortSignal },
): Promise<ScanNeighbours | null> {
  if (groups.some((g) => g.length > MAX_FOLD_FOR_NEIGHBOURS) || modelDirs.some((d) => !options.hasModel(d))) return null;
  const k = options.k ?? NEIGHBOURS_KEPT;
  const index = new Int32Array(set.count * k).fill(-1);
  const similarity = new Float32Array(set.count * k);
  for (let r = 0; r < groups.length; r++) {
    options.signal?.throwIfAborted();
    const members = groups[r]!;
    if (members.length < 2) continue;
    const model = await LoadedModel.load(modelDirs[r]!);
    try {
      const { features, dim } = await penultimateFeatures(model, selectImages(set, members));
      const nb = await nearestNeighbours(normalizeRows(features, dim), dim, k);
      members.forEach((global, j) => {
        for (let t = 0; t < nb.k; t++) {
          index[global * k + t] = members[nb.index[j * nb.k + t]!]!;
          similarity[global * k + t] = nb.similarity[j * nb.k + t]!;
        }
      });
    } finally {
      model.dispose();
    }
  }
  return { k, index, similarity };
}
