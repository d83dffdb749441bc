import type { Db } from './database.ts';
import { VOTE_COLUMNS } from './vote-columns.ts';
import { ferplusMajority } from '../ml/noise/ferplus-truth.ts';

/** A sample without FER+ votes, in `majorities()`. */
export const NO_VOTES = -2;

/** FER+ votes (one row per sample, VOTE_COLUMNS order). Read-only: votes come in with an import. */
export class VoteStore {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM votes').get() as { n: number }).n;
  }

  of(sampleId: number): number[] | null {
    return (this.db.prepare(`SELECT ${VOTE_COLUMNS.join(', ')} FROM votes WHERE sample_id = ?`).raw().get(sampleId) as number[] | undefined) ?? null;
  }

  /**
   * The FER+ majority of each sample (see ferplusMajority: an index into VOTE_COLUMNS, so 0-6 are the
   * FER2013 classes and 7-9 contempt / unknown / not a face), -1 with no majority, NO_VOTES without votes.
   */
  majorities(sampleIds: ArrayLike<number>): Int8Array {
    const get = this.db.prepare(`SELECT ${VOTE_COLUMNS.join(', ')} FROM votes WHERE sample_id = ?`).raw();
    const out = new Int8Array(sampleIds.length);
    for (let i = 0; i < sampleIds.length; i++) {
      const v = get.get(sampleIds[i]!) as number[] | undefined;
      out[i] = v ? ferplusMajority(v) : NO_VOTES;
    }
    return out;
  }
}
