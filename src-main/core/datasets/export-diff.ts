import type { Workspace } from '../store/workspace.ts';
import { writeFileAtomically } from './atomic-output.ts';
import { withSnapshot } from './snapshot.ts';

export const DIFF_HEADER = 'row,original,current,reason,time';

/**
 * Writes the labels diff: one line per sample whose current label differs from the original, with the
 * reason and time of the decision that set its current label: the latest event of a batch still applied, so
 * an undo or redo (their own batches are 'meta') reports the decision it restored. `row` is the sample id (= fer2013.csv row
 * when FER2013 was the first import); labels are class names.
 */
export async function exportLabelDiff(ws: Workspace, out: string): Promise<{ rows: number }> {
  const { classes } = ws.dataset;
  return withSnapshot(ws, async (db) => {
    const changed = db
      .prepare(
        `SELECT s.id, s.original_label AS original, s.label AS current, e.reason, e.created_at AS time
         FROM samples s
         LEFT JOIN label_events e ON e.id = (
           SELECT MAX(le.id) FROM label_events le JOIN label_batches b ON b.id = le.batch_id
           WHERE le.sample_id = s.id AND le.field = 'label' AND b.state = 'applied')
         WHERE s.label != s.original_label ORDER BY s.id`,
      )
      .all() as Array<{ id: number; original: number; current: number; reason: string | null; time: string | null }>;
    await writeFileAtomically(out, async (sink) => {
      await sink.write(DIFF_HEADER + '\n');
      for (const r of changed) await sink.write(`${r.id},${classes[r.original]},${classes[r.current]},${r.reason ?? ''},${r.time ?? ''}\n`);
    });
    return { rows: changed.length };
  });
}
