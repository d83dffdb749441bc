/**
 * How the demo workspace's rows are chosen from FER2013: a fixed number per split, shared among the classes
 * in proportion to their counts (largest remainder) with a floor so rare classes (disgust) stay visible,
 * then a seeded pick inside each (split, class) stratum. Pure, so the generator and its tests agree.
 */

/** Splits `total` among strata in proportion to `counts`, each getting at least min(floor, its count). */
export function allocateStratified(counts: readonly number[], total: number, floor: number): number[] {
  const available = counts.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`total must be a non-negative integer, got ${total}.`);
  if (total > available) throw new RangeError(`Asked for ${total} rows but only ${available} exist.`);
  const quota = counts.map((c) => Math.min(c, floor));
  let left = total - quota.reduce((a, b) => a + b, 0);
  if (left < 0) throw new RangeError(`A floor of ${floor} per class needs more than ${total} rows.`);
  // Share what is left in proportion to what each stratum still has, largest remainders first.
  while (left > 0) {
    const room = counts.map((c, i) => c - quota[i]!);
    const roomTotal = room.reduce((a, b) => a + b, 0);
    const exact = room.map((r) => (r * left) / roomTotal);
    const whole = exact.map(Math.floor);
    let given = whole.reduce((a, b) => a + b, 0);
    const order = exact.map((e, i) => [e - whole[i]!, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, i] of order) {
      if (given >= left) break;
      if (whole[i]! < room[i]!) {
        whole[i]!++;
        given++;
      }
    }
    whole.forEach((w, i) => (quota[i]! += w));
    left -= given;
  }
  return quota;
}

/** A stable 32-bit hash of (row, seed): the same seed always picks the same rows. */
export function rowHash(row: number, seed: number): number {
  let h = (Math.imul(row ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(seed, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The `count` rows of `rows` with the smallest hashes, returned in ascending row order. */
export function pickRows(rows: readonly number[], count: number, seed: number): number[] {
  if (count > rows.length) throw new RangeError(`Cannot pick ${count} of ${rows.length} rows.`);
  return [...rows]
    .sort((a, b) => rowHash(a, seed) - rowHash(b, seed) || a - b)
    .slice(0, count)
    .sort((a, b) => a - b);
}
