/**
 * Why a sample is in the review queue, shown on every card and in the sample panel. Shared by the core (which
 * says which kinds apply) and the renderer (which shows their names and meanings).
 * Not yet here: "neighbours disagree", which needs image embeddings (the scan keeps only probabilities).
 */
export const ISSUE_KINDS = ['label-issue', 'low-margin', 'duplicate-conflict'] as const;
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
    meaning: 'A near-identical copy of this image carries another FER2013 label: they cannot all be right.',
  },
};

/** The kinds that apply to a sample: flagged by the scan (as an issue or for its margin), and/or in a conflicting duplicate group. */
export function issueKinds(s: { issue: boolean; flagged: boolean; duplicateConflict: boolean }): IssueKind[] {
  const kinds: IssueKind[] = [];
  if (s.issue) kinds.push('label-issue');
  else if (s.flagged) kinds.push('low-margin');
  if (s.duplicateConflict) kinds.push('duplicate-conflict');
  return kinds;
}
