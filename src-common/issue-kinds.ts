/**
 * Why a sample is in the review queue, shown on every card and in the sample panel. Shared by the core (which
 * says which kinds apply) and the renderer (which shows their names and meanings).
 */
export const ISSUE_KINDS = ['label-issue', 'low-margin', 'duplicate-conflict', 'neighbours-disagree'] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];

export const ISSUE_KIND_TEXT: Record<IssueKind, { name: string; meaning: string }> = {
  'label-issue': {
    name: 'confident-learning issue',
    meaning: 'A model that never saw this image is surer of another class than it usually is of that class: confident learning counts the label among the likely errors.',
  },
  'low-margin': {
    name: 'low margin',
    meaning: 'A model that never saw this image prefers another class to the given label, though not surely enough for confident learning to call it an error.',
  },
  'duplicate-conflict': {
    name: 'duplicate conflict',
    meaning: 'A near-identical copy of this image carries another original label: they cannot all be right.',
  },
  'neighbours-disagree': {
    name: 'neighbours disagree',
    meaning: "Most of its 10 nearest look-alikes (in the features of a model that never saw it) carry one other label.",
  },
};

/** How many of a sample's 10 kept neighbours must carry one other label for 'neighbours-disagree': a majority. */
export const NEIGHBOURS_DISAGREE_AT = 6;

/** The kinds that apply to a sample: flagged by the scan (as an issue or for its margin), in a conflicting duplicate group, its neighbours. */
export function issueKinds(s: { issue: boolean; flagged: boolean; duplicateConflict: boolean; neighboursDisagree?: boolean }): IssueKind[] {
  const kinds: IssueKind[] = [];
  if (s.issue) kinds.push('label-issue');
  else if (s.flagged) kinds.push('low-margin');
  if (s.duplicateConflict) kinds.push('duplicate-conflict');
  if (s.neighboursDisagree) kinds.push('neighbours-disagree');
  return kinds;
}

/** The other label most of `labels` (a sample's neighbours) carry, if at least NEIGHBOURS_DISAGREE_AT do; else null. */
export function disagreeingNeighbourLabel(own: number, labels: readonly number[]): number | null {
  const counts = new Map<number, number>();
  for (const l of labels) if (l !== own) counts.set(l, (counts.get(l) ?? 0) + 1);
  for (const [label, n] of counts) if (n >= NEIGHBOURS_DISAGREE_AT) return label;
  return null;
}
