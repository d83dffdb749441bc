import type { DUPLICATE_FILTERS, DuplicateGroup, DuplicateReport } from '../api/duplicates-api.ts';
import type { GroupingStamp, StoredGroup } from '../store/duplicates.ts';

const distinct = (values: readonly unknown[]): number => new Set(values).size;

/** What a group's copies say about each other: conflicting labels (as FER2013 gave them, and now), splits. */
export function describeGroup(g: StoredGroup): DuplicateGroup {
  const kept = g.members.filter((m) => !m.excluded);
  return {
    ...g,
    labelConflict: distinct(g.members.map((m) => m.originalLabel)) > 1,
    conflictNow: distinct(kept.map((m) => m.label)) > 1,
    crossSplit: distinct(g.members.map((m) => m.split)) > 1,
  };
}

/** The counts over all groups, and the page of groups a filter selects (largest first, then by id). */
export function duplicateReport(
  stored: readonly StoredGroup[],
  stamp: GroupingStamp,
  page: { filter: (typeof DUPLICATE_FILTERS)[number]; offset: number; limit: number },
): DuplicateReport {
  const groups = stored.map(describeGroup);
  const sizes: Record<string, number> = {};
  for (const g of groups) sizes[g.members.length] = (sizes[g.members.length] ?? 0) + 1;
  const conflicting = groups.filter((g) => g.labelConflict).length;
  const selected = groups
    .filter((g) => page.filter === 'all' || (page.filter === 'conflicts' ? g.labelConflict : g.crossSplit))
    .sort((a, b) => b.members.length - a.members.length || a.id - b.id);
  return {
    maxDistance: stamp.maxDistance,
    samples: stamp.samples,
    groups: groups.length,
    samplesInGroups: groups.reduce((n, g) => n + g.members.length, 0),
    largest: groups.reduce((n, g) => Math.max(n, g.members.length), 0),
    sizes,
    exactGroups: groups.filter((g) => g.exact).length,
    conflicting,
    conflictRate: groups.length ? conflicting / groups.length : 0,
    conflictingNow: groups.filter((g) => g.conflictNow).length,
    crossSplit: groups.filter((g) => g.crossSplit).length,
    trainingTest: groups.filter((g) => g.members.some((m) => m.split === 'Training') && g.members.some((m) => m.split !== 'Training')).length,
    computedAt: stamp.computedAt,
    seconds: stamp.seconds,
    total: selected.length,
    items: selected.slice(page.offset, page.offset + page.limit),
  };
}
