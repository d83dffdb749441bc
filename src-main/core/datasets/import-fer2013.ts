import { resolve } from 'node:path';
import type { SkippedRow } from '../api/workspace-api.ts';
import type { Db } from '../store/database.ts';
import { SampleStore } from '../store/samples.ts';
import { DatasetStore } from '../store/dataset.ts';
import { FER2013_DATASET } from '../../../src-common/dataset.ts';
import { SourceStore } from '../store/sources.ts';
import { DatasetError } from './dataset-error.ts';
import { FER2013_HEADER, readFer2013Csv } from './fer2013-csv-reader.ts';
import { emptySplitCounts, type SplitCounts } from './split-counts.ts';

export interface Fer2013WriteResult {
  sourceId: number;
  imported: number;
  skipped: SkippedRow[];
  counts: SplitCounts;
}

/**
 * Writes the rows of fer2013.csv(.gz) as samples, inside the caller's open import transaction.
 * Ids: in a workspace with no samples, sample id = csv row index (so `label 5` is fer2013.csv row 5);
 * otherwise ids continue after the current max, still offset by the row index (skipped rows leave gaps).
 * Strict: the first bad row throws (the caller rolls back). Otherwise bad rows are reported and skipped.
 */
export async function writeFer2013(db: Db, path: string, fingerprint: string, options: { strict: boolean; onRows?: (n: number, fraction: number) => void }): Promise<Fer2013WriteResult> {
  new DatasetStore(db).define(FER2013_DATASET); // refused in a workspace of another dataset
  const samples = new SampleStore(db);
  const sources = new SourceStore(db);
  const base = samples.nextId();
  const sourceId = sources.add({ kind: 'fer2013-csv', path: resolve(path), fingerprint });
  const insert = samples.inserter(sourceId);
  const skipped: SkippedRow[] = [];
  const counts = emptySplitCounts();
  let imported = 0;
  let rows = 0;
  let fraction = 0;
  for await (const items of readFer2013Csv(path, (f) => (fraction = f))) {
    for (const it of items) {
      rows = it.row + 1;
      if (!it.ok) {
        if (options.strict) throw new DatasetError(`${path} line ${it.line}: ${it.reason}. Nothing was imported (--strict).`, { line: it.line, reason: it.reason });
        skipped.push({ line: it.line, reason: it.reason });
        continue;
      }
      insert({ id: base + it.row, sourceRow: it.row, split: it.split, width: 48, height: 48, pixels: it.pixels, label: it.emotion });
      counts[it.split][it.emotion]!++;
      imported++;
    }
    options.onRows?.(rows, fraction);
  }
  if (imported === 0) throw new DatasetError(`${path}: no valid rows${skipped.length ? ` (${skipped.length} bad, first: line ${skipped[0]!.line}: ${skipped[0]!.reason})` : ''}. Nothing was imported.`, { skipped: skipped.slice(0, 100) });
  sources.finish(sourceId, imported, { header: FER2013_HEADER, dataRows: rows, skipped: skipped.length, firstId: base });
  return { sourceId, imported, skipped, counts };
}
