import { hammingDistance, type Hash64 } from './image-hash.ts';

/**
 * Every pair (i < j) of hashes at most `maxDistance` bits apart, without comparing all n²/2 pairs.
 * Multi-index search: cut the 64 bits into maxDistance + 1 segments; two hashes that differ in at most
 * maxDistance bits agree exactly on at least one segment (pigeonhole), so only hashes sharing a segment
 * value are compared. A pair is reported from the first segment it shares, so once.
 */
export function nearPairs(hashes: readonly Hash64[], maxDistance: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  forEachNearPair(hashes, maxDistance, (i, j) => pairs.push([i, j]));
  return pairs;
}

/**
 * nearPairs without the list: each pair goes to `onPair` as it is found. A million images repeated 28 times make
 * 13.6M pairs; as [i, j] arrays they took 2.3 GB (bench scale), and grouping needs none of them kept.
 */
export function forEachNearPair(hashes: readonly Hash64[], maxDistance: number, onPair: (i: number, j: number) => void): void {
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > 63) throw new RangeError(`maxDistance must be an integer in 0..63, got ${maxDistance}`);
  const segments = segmentsFor(maxDistance);
  const keys = hashes.map((h) => segments.map((s) => segmentKey(h, s)));
  segments.forEach((_, k) => {
    const buckets = new Map<bigint, number[]>();
    keys.forEach((key, i) => {
      const bucket = buckets.get(key[k]!);
      if (bucket) bucket.push(i);
      else buckets.set(key[k]!, [i]);
    });
    for (const bucket of buckets.values()) {
      for (let x = 0; x < bucket.length; x++) {
        for (let y = x + 1; y < bucket.length; y++) {
          const i = bucket[x]!;
          const j = bucket[y]!;
          if (sharesEarlierSegment(keys[i]!, keys[j]!, k)) continue;
          if (hammingDistance(hashes[i]!, hashes[j]!) <= maxDistance) onPair(i, j);
        }
      }
    }
  });
}

interface Segment {
  shift: bigint;
  mask: bigint;
}

function segmentsFor(maxDistance: number): Segment[] {
  const count = maxDistance + 1;
  return Array.from({ length: count }, (_, k) => {
    const from = Math.floor((64 * k) / count);
    const to = Math.floor((64 * (k + 1)) / count);
    return { shift: BigInt(from), mask: (1n << BigInt(to - from)) - 1n };
  });
}

function segmentKey(h: Hash64, s: Segment): bigint {
  return (((BigInt(h.hi) << 32n) | BigInt(h.lo)) >> s.shift) & s.mask;
}

function sharesEarlierSegment(a: readonly bigint[], b: readonly bigint[], k: number): boolean {
  for (let e = 0; e < k; e++) if (a[e] === b[e]) return true;
  return false;
}
