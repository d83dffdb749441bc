import type { Hash64 } from './image-hash.ts';
import { forEachNearPair } from './near-pairs.ts';
import { UnionFind } from './union-find.ts';

/**
 * Two images are near-duplicates when their 64-bit DCT hashes differ in at most this many bits.
 * Chosen on the full FER2013 (35,887 images; hashes differ in an even number of bits): at 4 bits, 30 random
 * pairs out of 30 were the same photo (recropped, re-lit, recompressed); at 6 about 1 in 6 were two people
 * in the same pose; at 8 most were. Figures at 4 bits: 2,049 groups holding 4,979 images (1,597 pairs, the
 * largest 23), 159 groups (7.8%) with conflicting FER2013 labels, 813 spanning splits (Training vs test
 * leakage); exact pixel copies alone: 1,516 groups. Hashing took 4.1 s and the pair search 1.0 s on a shared
 * 2-core machine (the all-pairs O(n²) loop took 11.9 s). Measured with /tmp scratch scripts, see the README.
 */
export const NEAR_DUPLICATE_BITS = 4;

export interface HashedImage {
  exact: string;   // hash of the exact pixels
  hash: Hash64 | null; // perceptual hash; null for a flat image (matched by exact pixels only)
}

/**
 * Groups of images that are the same picture: byte-identical, or perceptual hashes at most `maxDistance`
 * bits apart, joined transitively (A~B and B~C put A, B, C in one group). Indexes into `images`, each group
 * ascending, groups ordered by first member; images with no copy are in no group.
 */
export function findDuplicateGroups(images: readonly HashedImage[], maxDistance = NEAR_DUPLICATE_BITS): number[][] {
  const hashed = images.flatMap((img, i) => (img.hash ? [{ i, hash: img.hash }] : []));
  const uf = new UnionFind(images.length);
  forEachNearPair(hashed.map((h) => h.hash), maxDistance, (a, b) => uf.union(hashed[a]!.i, hashed[b]!.i));
  const firstWithPixels = new Map<string, number>();
  images.forEach((img, i) => {
    const first = firstWithPixels.get(img.exact);
    if (first === undefined) firstWithPixels.set(img.exact, i);
    else uf.union(first, i);
  });
  return uf.groups();
}

/**
 * A group this large is not copies of one picture but the hash failing to tell a dataset's images apart: on
 * Fashion-MNIST (centred garments on black, little texture) 4 bits chained 21,295 of 70,000 images into groups, the
 * largest of 11,037; 2 bits still 3,363; 0 bits (equal hashes) left 400 groups of at most 16, 35 with conflicting
 * labels. FER2013's largest group at 4 bits is 23.
 */
export const MAX_PLAUSIBLE_GROUP = 100;

/**
 * The groups at the widest distance, from `maxDistance` down in steps of 2 (DCT hash distances are even), whose
 * largest group stays plausible; at 0 bits whatever they are. Returns the groups and the distance used.
 */
export function findPlausibleGroups(images: readonly HashedImage[], maxDistance = NEAR_DUPLICATE_BITS): { groups: number[][]; distance: number } {
  for (let distance = maxDistance; ; distance = Math.max(0, distance - 2)) {
    const groups = findDuplicateGroups(images, distance);
    if (distance === 0 || groups.every((g) => g.length <= MAX_PLAUSIBLE_GROUP)) return { groups, distance };
  }
}
