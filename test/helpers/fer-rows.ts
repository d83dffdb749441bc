/**
 * Real FER2013 rows for tests, read by streaming the shared fer2013.csv.gz (never copied into the repo).
 * `firstFerRows(n)` stops reading after n rows (a few ms for small n); `stratifiedFerRows` takes the first
 * rows of every class (optionally of one split) and stops as soon as every class has its quota.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IMAGE_PIXELS, NUM_CLASSES, type Split } from '../../src-common/classes.ts';
import type { ImageSet } from '../../src-main/core/ml/image-set.ts';
import { FER2013_HEADER, readFer2013Csv } from '../../src-main/core/datasets/fer2013-csv-reader.ts';

export interface FerRow {
  row: number;          // 0-based data row of fer2013.csv
  emotion: number;
  split: Split;
  pixels: Uint8Array;   // 2304 values
}

/** Where the real data lives: $FER_DATASETS, else ../shared/datasets beside the repo. */
export function datasetsDir(): string {
  return process.env.FER_DATASETS ?? resolve(import.meta.dirname, '../../../shared/datasets');
}

export const fer2013Path = (): string => resolve(datasetsDir(), 'fer2013.csv.gz');
export const ferPlusPath = (): string => resolve(datasetsDir(), 'fer2013new.csv');

async function collect(keep: (r: FerRow) => 'take' | 'skip' | 'stop'): Promise<FerRow[]> {
  const rows: FerRow[] = [];
  for await (const items of readFer2013Csv(fer2013Path())) {
    for (const it of items) {
      if (!it.ok) throw new Error(`fer2013.csv.gz line ${it.line}: ${it.reason}`);
      const r = { row: it.row, emotion: it.emotion, split: it.split, pixels: it.pixels };
      const verdict = keep(r);
      if (verdict === 'stop') return rows;
      if (verdict === 'take') rows.push(r);
    }
  }
  return rows;
}

/** The first n data rows of fer2013.csv, in file order. */
export function firstFerRows(n: number): Promise<FerRow[]> {
  return collect((r) => (r.row < n ? 'take' : 'stop'));
}

/** Up to `perClass` rows of each class (first ones in file order), optionally from one split; file order kept. */
export function stratifiedFerRows(perClass: number, options: { split?: Split } = {}): Promise<FerRow[]> {
  const taken = new Array<number>(NUM_CLASSES).fill(0);
  let full = 0;
  return collect((r) => {
    if (full === NUM_CLASSES) return 'stop';
    if ((options.split && r.split !== options.split) || taken[r.emotion]! >= perClass) return 'skip';
    if (++taken[r.emotion]! === perClass) full++;
    return 'take';
  });
}

/** The fer2013.csv text of some rows (header, LF, trailing newline), as the original writes them. */
export function ferCsvText(rows: readonly FerRow[]): string {
  return FER2013_HEADER + '\n' + rows.map((r) => `${r.emotion},${Array.from(r.pixels).join(' ')},${r.split}\n`).join('');
}

/** Writes rows as a small fer2013.csv (or .csv.gz when the path ends in .gz) fixture. */
export function writeFerCsv(path: string, rows: readonly FerRow[]): void {
  const text = ferCsvText(rows);
  writeFileSync(path, path.endsWith('.gz') ? gzipSync(text) : text);
}

/** The first n rows of fer2013.csv as a training image set. */
export async function firstFerImageSet(n: number): Promise<ImageSet> {
  const rows = await firstFerRows(n);
  const pixels = new Uint8Array(n * IMAGE_PIXELS);
  rows.forEach((r, i) => pixels.set(r.pixels, i * IMAGE_PIXELS));
  return { pixels, labels: Int32Array.from(rows.map((r) => r.emotion)), count: n };
}

/** Writes the real FER+ votes (fer2013new.csv lines) of `rows`, in their order, so they line up with writeFerCsv(rows). */
export function writeFerPlusVotes(path: string, rows: readonly FerRow[]): void {
  const lines = readFileSync(ferPlusPath(), 'utf8').split('\n');
  writeFileSync(path, [lines[0]!, ...rows.map((r) => lines[r.row + 1]!)].join('\n') + '\n');
}
