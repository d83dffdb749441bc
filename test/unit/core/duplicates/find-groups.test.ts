import { describe, expect, it } from 'vitest';
import { findDuplicateGroups, findPlausibleGroups, MAX_PLAUSIBLE_GROUP, type HashedImage } from '../../../../src-main/core/duplicates/find-groups.ts';
import { hammingDistance, type Hash64 } from '../../../../src-main/core/duplicates/image-hash.ts';
import { nearPairs } from '../../../../src-main/core/duplicates/near-pairs.ts';
import { componentsOf } from '../../../../src-main/core/duplicates/union-find.ts';

/** A hash with the given low bits set: distances between such hashes are easy to count by hand. */
const bits = (lo: number, hi = 0): Hash64 => ({ hi: hi >>> 0, lo: lo >>> 0 });
const image = (hash: Hash64 | null, exact: string): HashedImage => ({ hash, exact });

describe('nearPairs', () => {
  it('finds the pairs within the distance on hand-made hashes', () => {
    //            0: no bits    1: 4 bits      2: 5 bits       3: far away (all of hi)
    const hashes = [bits(0), bits(0b1111), bits(0b11111), bits(0, 0xffffffff)];
    expect(nearPairs(hashes, 4)).toEqual([[0, 1], [1, 2]]);
    expect(nearPairs(hashes, 5).sort()).toEqual([[0, 1], [0, 2], [1, 2]]);
    expect(nearPairs(hashes, 0)).toEqual([]);
    expect(nearPairs([bits(7, 7), bits(7, 7)], 0)).toEqual([[0, 1]]);
  });

  it('matches the all-pairs search on random hashes with planted near copies, once per pair', () => {
    let s = 11;
    const rnd32 = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
    const hashes: Hash64[] = [];
    for (let i = 0; i < 300; i++) {
      const base = bits(rnd32(), rnd32());
      hashes.push(base);
      // a copy with 0-7 bits flipped (some may flip back) at random places
      let copy = { ...base };
      for (let f = 0; f < i % 8; f++) {
        const b = rnd32() % 64;
        copy = b < 32 ? { ...copy, lo: (copy.lo ^ (1 << b)) >>> 0 } : { ...copy, hi: (copy.hi ^ (1 << (b - 32))) >>> 0 };
      }
      hashes.push(copy);
    }
    for (const d of [0, 1, 3, 4, 7]) {
      const expected: Array<[number, number]> = [];
      for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) if (hammingDistance(hashes[i]!, hashes[j]!) <= d) expected.push([i, j]);
      const found = nearPairs(hashes, d).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(found).toEqual(expected);
      expect(found.length).toBeGreaterThan(0);
    }
  });

  it('refuses a distance outside 0..63', () => {
    expect(() => nearPairs([], -1)).toThrow(RangeError);
    expect(() => nearPairs([], 64)).toThrow(RangeError);
  });
});

describe('componentsOf', () => {
  it('joins chains and leaves singletons out', () => {
    expect(componentsOf(7, [[5, 6], [1, 3], [3, 4], [6, 2]])).toEqual([[1, 3, 4], [2, 5, 6]]);
    expect(componentsOf(3, [])).toEqual([]);
  });
});

describe('findDuplicateGroups', () => {
  it('groups transitively, joins exact copies whatever their hash, and leaves unique images out', () => {
    const groups = findDuplicateGroups(
      [
        image(bits(0), 'a'),               // 0 ~ 1 (4 bits)
        image(bits(0b1111), 'b'),          // 1 ~ 2 (4 bits), so 0, 1, 2 are one group though 0 and 2 are 8 bits apart
        image(bits(0b11110000), 'c'),     // 2: bits 4-7
        image(bits(0, 0xffff), 'd'),       // 3: unique
        image(bits(0, 0xffff0000), 'e'),   // 4: same pixels as 5, far hash (cannot happen with real pHash; exact wins)
        image(bits(0x0f0f0f0f, 0x0f0f), 'e'),
      ],
      4,
    );
    expect(groups).toEqual([[0, 1, 2], [4, 5]]);
  });

  it('matches flat images (no perceptual hash) by exact pixels only', () => {
    const flat = (shade: string) => image(null, shade);
    expect(findDuplicateGroups([flat('gray'), flat('black'), flat('gray'), image(bits(0), 'face')], 4)).toEqual([[0, 2]]);
  });

  it('a tighter distance splits what a looser one joins', () => {
    const images = [image(bits(0), 'a'), image(bits(0b11), 'b'), image(bits(0b1111), 'c')];
    expect(findDuplicateGroups(images, 2)).toEqual([[0, 1, 2]]);
    expect(findDuplicateGroups(images, 1)).toEqual([]);
    expect(findDuplicateGroups(images, 4)).toEqual([[0, 1, 2]]);
  });
});

describe('findPlausibleGroups', () => {
  it('keeps the widest distance while groups stay plausible, and narrows it where the hash chains a dataset together', () => {
    // a pair 4 bits apart: grouped at 4 bits, as FER2013 is
    expect(findPlausibleGroups([image(bits(0b0000), 'a'), image(bits(0b1111), 'b')], 4)).toEqual({ groups: [[0, 1]], distance: 4 });
    // a chain of images each 2 bits from the next (and exact twins of the first): at 4 or 2 bits one huge group,
    // at 0 bits only the images whose hashes are equal
    const chain = Array.from({ length: MAX_PLAUSIBLE_GROUP + 1 }, (_, i) => image(bits(2 ** (i % 30) * 3, Math.floor(i / 30)), `c${i}`));
    const twins = [image(chain[0]!.hash, 't1'), image(chain[0]!.hash, 't2')];
    expect(findDuplicateGroups([...chain, ...twins], 4)[0]!.length).toBeGreaterThan(MAX_PLAUSIBLE_GROUP);
    const r = findPlausibleGroups([...chain, ...twins], 4);
    expect(r.distance).toBe(0);
    expect(r.groups.every((g) => g.length <= MAX_PLAUSIBLE_GROUP)).toBe(true);
    expect(r.groups).toContainEqual([0, MAX_PLAUSIBLE_GROUP + 1, MAX_PLAUSIBLE_GROUP + 2]);
  });
});
