/** Connected components of n items, linked one pair at a time (nothing but one Int32Array kept). */
export class UnionFind {
  private readonly parent: Int32Array;
  constructor(readonly n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }

  private find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!; // path halving
      i = parent[i]!;
    }
    return i;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  /** The groups of two or more, each in ascending order, ordered by first member. */
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.n; i++) {
      const r = this.find(i);
      const g = byRoot.get(r);
      if (g) g.push(i);
      else byRoot.set(r, [i]);
    }
    return [...byRoot.values()].filter((g) => g.length > 1).sort((a, b) => a[0]! - b[0]!);
  }
}

/** Connected components of n items linked by pairs: the groups of two or more, each in ascending order, ordered by first member. */
export function componentsOf(n: number, pairs: ReadonlyArray<readonly [number, number]>): number[][] {
  const uf = new UnionFind(n);
  for (const [a, b] of pairs) uf.union(a, b);
  return uf.groups();
}
