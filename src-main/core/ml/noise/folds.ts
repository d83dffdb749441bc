/** Seeded, stratified k-fold assignment: each class is shuffled and dealt round-robin over the folds. */

/** Mulberry32: a small, fast, seedable PRNG (Math.random cannot be seeded). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** fold[i] in 0..k-1 for sample i; every fold gets each class in proportion (sizes differ by at most one per class). */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (k < 2) throw new RangeError('k-fold needs at least 2 folds.');
  const random = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]!) ?? [];
    list.push(i);
    byClass.set(labels[i]!, list);
  }
  const fold = new Int32Array(labels.length);
  let offset = 0; // rotate the starting fold per class so small classes do not all start in fold 0
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    shuffleInPlace(byClass.get(cls)!, random).forEach((sample, r) => {
      fold[sample] = (r + offset) % k;
    });
    offset += byClass.get(cls)!.length;
  }
  return fold;
}

/** A stratified subset of `limit` indices, in index order: each class keeps its share (at least one sample). */
export function stratifiedSubset(labels: ArrayLike<number>, limit: number, seed: number): number[] {
  if (limit >= labels.length) return Array.from({ length: labels.length }, (_, i) => i);
  const random = seededRandom(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]!);
    if (list) list.push(i);
    else byClass.set(labels[i]!, [i]);
  }
  const picked: number[] = [];
  const rest: number[] = [];
  for (const members of byClass.values()) {
    shuffleInPlace(members, random);
    const share = Math.max(1, Math.floor((limit * members.length) / labels.length));
    // A loop, not push(...slice): spreading a class of ~200,000 members overflowed the call stack (bench scale, 1M rows).
    for (let k = 0; k < members.length; k++) (k < share ? picked : rest).push(members[k]!);
  }
  // Rounding down leaves a few places: fill them from the remainder at random, or trim the overshoot.
  shuffleInPlace(rest, random);
  const result = picked.length >= limit ? shuffleInPlace(picked, random).slice(0, limit) : picked.concat(rest.slice(0, limit - picked.length));
  return result.sort((a, b) => a - b);
}
