import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import { ScanStore } from '../../core/store/scans.ts';
import { latestScanId } from '../../core/store/latest.ts';
import { StudioError } from '../../core/api/contract.ts';
import { UsageError } from '../args.ts';
import type { Command } from '../command.ts';
import { checkOutputFile } from '../paths.ts';
import { DuplicateStore } from '../../core/store/duplicates.ts';
import { describeGroup } from '../../core/duplicates/group-report.ts';
import type { Workspace } from '../../core/store/workspace.ts';

/** The issue's columns first, unchanged; then the image's duplicate group (the row of its first image; empty: no copy) and whether its copies' FER2013 labels conflict. */
export const SCORES_HEADER = 'row,split,label,suggested,score,self_confidence,margin,issue,duplicate_group,duplicate_conflict';

export const command: Command = {
  summary: 'Write the latest scan\'s per-sample scores as CSV (row = index in fer2013.csv).',
  usage: 'scores --out scores.csv [--scan ID] [--force]',
  async run({ flags, json, io, studio }) {
    const out = flags.string('out');
    const scanFlag = flags.int('scan');
    const force = flags.bool('force');
    flags.rejectUnknown();
    if (!out) throw new UsageError('--out FILE is required.');
    checkOutputFile(out, force);
    const db = studio().workspace.db;
    const scanId = scanFlag ?? latestScanId(db);
    if (scanId === null) throw new StudioError('not-found', 'No finished scan yet: run `fer-studio scan` first.');
    const rows = new ScanStore(db).scoredRows(scanId);
    if (rows.length === 0) throw new StudioError('not-found', `Scan ${scanId} has no scores (is it finished?).`);
    const duplicates = duplicateColumns(studio().workspace);
    // Written beside the target and renamed, so an interrupted run never leaves a half file under the name.
    const tmp = `${out}.partial`;
    const file = createWriteStream(tmp);
    file.write(SCORES_HEADER + '\n');
    for (const r of rows) {
      const line = `${r.sourceRow},${r.split},${r.given},${r.suggested},${r.score.toFixed(6)},${r.selfConfidence.toFixed(6)},${r.margin.toFixed(6)},${r.issue},${duplicates.get(r.sampleId) ?? ','}\n`;
      if (!file.write(line)) await once(file, 'drain');
    }
    file.end();
    await once(file, 'finish');
    await rename(tmp, out);
    io.out(json ? JSON.stringify({ out, scanId, rows: rows.length }) : `Wrote ${rows.length} scores of scan ${scanId} to ${out}.`);
    return 0;
  },
};

/** Per grouped sample: `groupRow,conflict` (the group's first image by its row in the source file). */
function duplicateColumns(ws: Workspace): Map<number, string> {
  const store = new DuplicateStore(ws.db);
  store.refresh();
  const out = new Map<number, string>();
  for (const g of store.groups().map(describeGroup)) {
    const cells = `${ws.samples.get(g.id)!.sourceRow},${g.labelConflict ? 1 : 0}`;
    for (const m of g.members) out.set(m.sampleId, cells);
  }
  return out;
}
