/** How well a score ranks positives (mislabeled) above negatives: AUROC, average precision, precision@k. */

/** AUROC by the rank-sum (Mann-Whitney U) formula, ties counted as half. */
export function auroc(scores: ArrayLike<number>, positive: ArrayLike<boolean | number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let rankSumPos = 0;
  for (let r = 0; r < idx.length; ) {
    let end = r;
    while (end + 1 < idx.length && scores[idx[end + 1]!] === scores[idx[r]!]) end++;
    const avgRank = (r + end) / 2 + 1; // 1-based average rank of the tie group
    for (let t = r; t <= end; t++) {
      if (positive[idx[t]!]) {
        pos++;
        rankSumPos += avgRank;
      }
    }
    r = end + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Indices ordered by score, highest first; ties by index so results are reproducible. */
export function rankDescending(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** Average precision: mean of precision@k over the ranks k where a positive appears. */
export function averagePrecision(scores: ArrayLike<number>, positive: ArrayLike<boolean | number>): number {
  const order = rankDescending(scores);
  let hits = 0;
  let sum = 0;
  order.forEach((i, r) => {
    if (positive[i]) {
      hits++;
      sum += hits / (r + 1);
    }
  });
  return hits === 0 ? NaN : sum / hits;
}

export function precisionAt(scores: ArrayLike<number>, positive: ArrayLike<boolean | number>, k: number): number {
  const order = rankDescending(scores).slice(0, k);
  if (order.length === 0) return NaN;
  return order.filter((i) => positive[i]).length / order.length;
}
