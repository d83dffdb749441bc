/** The votes table's count columns, in the order every API returns them: the 7 FER2013 classes, then the FER+ extras. */
export const VOTE_COLUMNS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral', 'contempt', 'unknown', 'nf'] as const;

/** `v.angry, v.disgust, ...` for a SELECT joining votes as `alias`. */
export function voteColumnsSql(alias: string): string {
  return VOTE_COLUMNS.map((c) => `${alias}.${c}`).join(', ');
}

/** The vote counts of a row selected with voteColumnsSql, or null when the sample has no votes (LEFT JOIN miss). */
export function votesFromRow(row: Record<string, unknown>): number[] | null {
  return row.angry === null || row.angry === undefined ? null : VOTE_COLUMNS.map((c) => row[c] as number);
}
