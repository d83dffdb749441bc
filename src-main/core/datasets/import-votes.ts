import type { SkippedRow } from '../api/workspace-api.ts';
import type { Db } from '../store/database.ts';
import { VOTE_COLUMNS } from '../store/vote-columns.ts';
import { DatasetError } from './dataset-error.ts';
import { readFerPlusVotes } from './ferplus-votes-reader.ts';

export interface VotesWriteResult {
  imported: number;
  skipped: SkippedRow[];
}

/**
 * Writes FER+ votes for the samples of one FER2013 csv source, joined by row position (votes row i ->
 * the sample with source_row i), inside the caller's open import transaction. Existing votes are replaced.
 * A row whose Usage differs from its sample's split is not written and is reported: it means the files
 * do not line up. Strict: the first bad or mismatched row throws (the caller rolls back).
 */
export async function writeVotes(db: Db, path: string, sourceId: number, options: { strict: boolean }): Promise<VotesWriteResult> {
  const sampleOf = db.prepare('SELECT id, split FROM samples WHERE source_id = ? AND source_row = ?');
  const upsert = db.prepare(
    `INSERT INTO votes (sample_id, ${VOTE_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(VOTE_COLUMNS.length)})
     ON CONFLICT (sample_id) DO UPDATE SET ${VOTE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`,
  );
  const skipped: SkippedRow[] = [];
  let imported = 0;
  const skip = (line: number, reason: string) => {
    if (options.strict) throw new DatasetError(`${path} line ${line}: ${reason}. Nothing was imported (--strict).`, { line, reason });
    skipped.push({ line, reason });
  };
  for await (const items of readFerPlusVotes(path)) {
    for (const it of items) {
      if (!it.ok) {
        skip(it.line, it.reason);
        continue;
      }
      const sample = sampleOf.get(sourceId, it.row) as { id: number; split: string } | undefined;
      if (!sample) {
        skip(it.line, `no FER2013 row ${it.row} in this workspace`);
        continue;
      }
      if (sample.split !== it.split) {
        skip(it.line, `Usage '${it.split}' does not match row ${it.row}'s split '${sample.split}' (files out of line?)`);
        continue;
      }
      upsert.run(sample.id, ...it.votes);
      imported++;
    }
  }
  return { imported, skipped };
}
