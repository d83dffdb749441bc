/**
 * Each scanned sample's nearest look-alikes, for the reviewer ("these 5 faces carry these labels"): the scan's fold
 * models embed the samples they scored (penultimate features; none of them trained that model), and the neighbours
 * are searched within each fold (one model, one feature space). Measured not to improve the ranking (neighbours.ts),
 * so they are shown, not scored.
 *
 * Its cost was 76 s of a 20m54s fast-cpu scan of FER2013's Training (2 folds of 14,355; 2 cores without AVX-512,
 * 2026-12-03), mostly a second forward pass over every image with the saved fold models. The rounds now embed in
 * their scoring pass (train-fold.ts), so only a resumed scan's earlier rounds are embedded here again.
 */
import { LoadedModel, type Embedding } from '../trained-model.ts';
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
 * `groups[r]`: the scan-set indices round r scored, with their embeddings in `embedded` (from the scoring pass)
 * or else embedded here with the model in `modelDirs[r]`; `k` neighbours each (NEIGHBOURS_KEPT by default; the
 * neighbours bench asks for more). Null when a fold is too large or a round has neither (a scan from before fold
 * models were kept).
 */
export async function scanNeighbours(
  set: ImageSet,
  groups: readonly number[][],
  modelDirs: readonly string[],
  options: { hasModel: (dir: string) => boolean; embedded?: ReadonlyMap<number, Embedding>; k?: number; signal?: AbortSignal },
): Promise<ScanNeighbours | null> {
  const embedded = options.embedded ?? new Map<number, Embedding>();
  if (groups.some((g) => g.length > MAX_FOLD_FOR_NEIGHBOURS) || modelDirs.some((d, r) => !embedded.has(r) && !options.hasModel(d))) return null;
  const k = options.k ?? NEIGHBOURS_KEPT;
  const index = new Int32Array(set.count * k).fill(-1);
  const similarity = new Float32Array(set.count * k);
  for (let r = 0; r < groups.length; r++) {
    options.signal?.throwIfAborted();
    const members = groups[r]!;
    if (members.length < 2) continue;
    const { features, dim } = embedded.get(r) ?? (await embedWithSavedModel(modelDirs[r]!, selectImages(set, members)));
    const nb = await nearestNeighbours(normalizeRows(features, dim), dim, k);
    members.forEach((global, j) => {
      for (let t = 0; t < nb.k; t++) {
        index[global * k + t] = members[nb.index[j * nb.k + t]!]!;
        similarity[global * k + t] = nb.similarity[j * nb.k + t]!;
      }
    });
  }
  return { k, index, similarity };
}

async function embedWithSavedModel(dir: string, set: ImageSet): Promise<Embedding> {
  const model = await LoadedModel.load(dir);
  try {
    return (await model.predictWithFeatures(set)).embedding;
  } finally {
    model.dispose();
  }
}
