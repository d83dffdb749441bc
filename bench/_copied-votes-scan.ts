/**
 * A FER+-votes scan (see seedFerPlusScan) on a workspace of repeated FER2013 rows (bench/_fer-repeat.ts):
 * sample id i is a copy of fer2013.csv row i % n, so it gets that row's FER+ votes. A real review queue of
 * hundreds of thousands of flags in seconds, to time paging it at a million samples.
 */
import { readFerPlusVotes } from '../src-main/core/datasets/ferplus-votes-reader.ts';
import { NUM_CLASSES, type Split } from '../src-common/classes.ts';
import type { Workspace } from '../src-main/core/store/workspace.ts';
import { seedScanOfVotes } from '../test/e2e/helpers/ferplus-scan.ts';

export async function seedCopiedVotesScan(ws: Workspace, votesPath: string, options: { split: Split; maxFlags: number }): Promise<number> {
  const byRow: number[][] = [];
  for await (const items of readFerPlusVotes(votesPath)) for (const it of items) byRow[it.row] = it.ok ? it.votes.slice(0, NUM_CLASSES) : [];
  const rows = ws.db.prepare('SELECT id, label FROM samples WHERE split = ? AND excluded = 0 ORDER BY id').raw().all(options.split) as Array<[number, number]>;
  const sampleIds: number[] = [];
  const labels: number[] = [];
  const votes: number[][] = [];
  for (const [id, label] of rows) {
    const v = byRow[id % byRow.length];
    if (!v?.some((x) => x > 0)) continue; // no usable votes: not scored, as in seedFerPlusScan
    sampleIds.push(id);
    labels.push(label);
    votes.push(v);
  }
  return seedScanOfVotes(ws, { ...options, sampleIds, labels, votes });
}
