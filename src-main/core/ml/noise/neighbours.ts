/**
 * Neighbourhood agreement (issue 17): a sample whose nearest neighbours in a model's feature space mostly carry
 * another label is suspect (kNN label agreement, as in cleanlab's Datalab label issues and SimiFeat). Pure
 * functions over L2-normalized embeddings; the similarity products run on the engine's matMul.
 *
 * Measured and NOT yet in the scan (`npm run bench -- neighbours --workspace W`, fast-cpu scan of all 28,709 Training
 * images: cnn-small, 2 folds x 8 epochs; each sample embedded by the fold model that never trained on it, neighbours
 * within its fold; against the FER+ majority, 7,972 noisy of 24,941):
 *   scan score (normalized margin)        AUROC 0.845  AP 0.662  P@1000 0.770
 *   neighbours disagree, k = 5 / 10 / 20  AUROC 0.782 / 0.804 / 0.816, AP 0.564-0.603, P@1000 0.637-0.691
 *   fused by rank, neighbour weight 0.25  AUROC 0.844  AP 0.661-0.663  P@1000 0.769-0.777 (k 5-20)
 *   fused by rank, neighbour weight 0.5   AUROC 0.833-0.839
 *   suggestion = FER+ majority on noisy samples: the scan's 58.6%; neighbours' labels 50.4%; probabilities plus
 *   0.5 / 1 / 2 x neighbours' shares 57.3% / 55.5% / 54.1%.
 * With fold models right on 55% of their held-out images, the neighbours see what the margin already saw; fusing
 * adds nothing. Worth another try with better fold models (the accuracy work) or features from a model trained on
 * all folds. Embedding and search cost 158 s + 35 s on the shared 2 cores.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface Neighbours {
  k: number;
  /** count x k indices of each sample's nearest other samples, most similar first. */
  index: Int32Array;
  /** count x k cosine similarities, matching `index`. */
  similarity: Float32Array;
}

/** Scales each row of a count x dim matrix to unit length, in place (an all-zero row stays zero). */
export function normalizeRows(x: Float32Array, dim: number): Float32Array {
  for (let r = 0; r < x.length / dim; r++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += x[r * dim + j]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < dim; j++) x[r * dim + j]! *= inv;
  }
  return x;
}

/** The k most similar other rows of every row (cosine: rows must be unit length), by blocks of `block` rows. */
export async function nearestNeighbours(unit: Float32Array, dim: number, k: number, block?: number): Promise<Neighbours> {
  const count = unit.length / dim;
  // a block's similarities are block x count floats: at most 16M (64 MB), whatever the count
  block ??= Math.max(16, Math.min(512, Math.floor(2 ** 24 / Math.max(count, 1))));
  const kk = Math.min(k, count - 1);
  const index = new Int32Array(count * kk);
  const similarity = new Float32Array(count * kk);
  const all = tf.tensor2d(unit, [count, dim]);
  try {
    for (let start = 0; start < count; start += block) {
      const n = Math.min(block, count - start);
      const sims = tf.tidy(() => tf.matMul(tf.slice(all, [start, 0], [n, dim]), all, false, true));
      const values = (await sims.data()) as Float32Array;
      sims.dispose();
      for (let r = 0; r < n; r++) topK(values.subarray(r * count, (r + 1) * count), start + r, kk, index, similarity, (start + r) * kk);
    }
  } finally {
    all.dispose();
  }
  return { k: kk, index, similarity };
}

/** The k largest of `row` other than `self`, most similar first, into index/similarity at `at`. */
function topK(row: Float32Array, self: number, k: number, index: Int32Array, similarity: Float32Array, at: number): void {
  // insertion into a sorted window of k: k is small (10) and most candidates fail the first comparison
  let filled = 0;
  for (let j = 0; j < row.length; j++) {
    if (j === self) continue;
    const v = row[j]!;
    if (filled === k && v <= similarity[at + k - 1]!) continue;
    let p = filled < k ? filled++ : k - 1;
    while (p > 0 && similarity[at + p - 1]! < v) {
      similarity[at + p] = similarity[at + p - 1]!;
      index[at + p] = index[at + p - 1]!;
      p--;
    }
    similarity[at + p] = v;
    index[at + p] = j;
  }
}

/** Each sample's similarity-weighted share of neighbours per class: count x classes, rows sum to 1 (or 0). */
export function neighbourLabelShares(labels: ArrayLike<number>, nb: Neighbours, classes: number): Float32Array {
  const count = labels.length;
  const shares = new Float32Array(count * classes);
  for (let i = 0; i < count; i++) {
    let total = 0;
    for (let j = 0; j < nb.k; j++) {
      const w = Math.max(0, nb.similarity[i * nb.k + j]!);
      shares[i * classes + labels[nb.index[i * nb.k + j]!]!]! += w;
      total += w;
    }
    if (total > 0) for (let c = 0; c < classes; c++) shares[i * classes + c]! /= total;
  }
  return shares;
}

/** 1 - the share of a sample's neighbours that carry its own label: higher = more likely mislabeled. */
export function neighbourDisagreement(labels: ArrayLike<number>, shares: Float32Array, classes: number): Float32Array {
  const out = new Float32Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = 1 - shares[i * classes + labels[i]!]!;
  return out;
}

/** Each score's rank as a fraction in [0, 1] (ties share their mean rank), so unlike scales can be fused. */
export function rankFractions(scores: ArrayLike<number>): Float64Array {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const out = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const rank = n > 1 ? (i + j) / 2 / (n - 1) : 0;
    for (let t = i; t <= j; t++) out[order[t]!] = rank;
    i = j + 1;
  }
  return out;
}

/** Rank fusion: (1 - w) x rank(a) + w x rank(b). */
export function fuseByRank(a: ArrayLike<number>, b: ArrayLike<number>, w: number): Float64Array {
  const ra = rankFractions(a);
  const rb = rankFractions(b);
  return ra.map((x, i) => (1 - w) * x + w * rb[i]!);
}
