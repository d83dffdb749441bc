import { z } from 'zod';
import { method } from './contract.ts';
import type { Split } from '../../../src-common/classes.ts';

/** One image of a duplicate group, as it is now. */
export interface DuplicateCopy {
  sampleId: number;
  split: Split;
  label: number;
  originalLabel: number;        // its FER2013 label
  excluded: boolean;
  kept: boolean;                // a reviewer confirmed its label
}

/** Near-identical images (the same photo: copied, recropped, re-lit, recompressed). */
export interface DuplicateGroup {
  id: number;                   // the smallest sample id of the group
  exact: boolean;               // every copy has the same pixels
  labelConflict: boolean;       // the copies' FER2013 labels differ: at most one of them is right
  conflictNow: boolean;         // their current labels differ (excluded copies left out)
  crossSplit: boolean;          // copies in more than one split
  members: DuplicateCopy[];     // ascending sample id
}

export const DUPLICATE_FILTERS = ['all', 'conflicts', 'cross-split'] as const;

export interface DuplicateReport {
  maxDistance: number;          // perceptual-hash bits two copies may differ in
  samples: number;              // images grouped
  groups: number;
  samplesInGroups: number;
  largest: number;
  sizes: Record<string, number>; // group size -> how many groups
  exactGroups: number;          // groups of byte-identical copies only
  conflicting: number;          // groups whose FER2013 labels differ
  conflictRate: number;         // conflicting / groups
  conflictingNow: number;       // groups whose current labels still differ
  crossSplit: number;           // groups spanning splits
  trainingTest: number;         // groups with a Training copy and a PublicTest or PrivateTest copy: test images trained on
  computedAt: string;
  seconds: number;              // time the grouping took
  total: number;                // groups matching the filter
  items: DuplicateGroup[];      // those groups, largest first, from offset
}

export const duplicatesApi = {
  duplicates: method<DuplicateReport>()(
    'Groups of near-identical images (exact pixel hash, or perceptual hashes a few bits apart), how many there are and how often their labels conflict; regroups when samples were added.',
    z.object({
      filter: z.enum(DUPLICATE_FILTERS).default('all'),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().nonnegative().max(5000).default(100),
    }),
  ),
};
