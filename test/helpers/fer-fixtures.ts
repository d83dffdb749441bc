/** Small generated fer2013.csv / fer2013new.csv fixtures for tests of the importers (no real data needed). */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { FER2013_HEADER } from '../../src-main/core/datasets/fer2013-csv-reader.ts';
import { FERPLUS_HEADER } from '../../src-main/core/datasets/ferplus-votes-reader.ts';

/** A valid pixel field whose values are a deterministic function of the row (so rows can be told apart). */
export function pixelText(row: number): string {
  return Array.from({ length: 2304 }, (_, i) => (row * 7 + i) % 256).join(' ');
}

export function pixelBytes(row: number): Uint8Array {
  return Uint8Array.from({ length: 2304 }, (_, i) => (row * 7 + i) % 256);
}

export function csvLine(row: number, emotion: number, usage = 'Training'): string {
  return `${emotion},${pixelText(row)},${usage}`;
}

/** Writes header + lines joined by LF with a trailing newline (gzipped for .gz paths). */
export function writeCsv(path: string, lines: readonly string[], header = FER2013_HEADER): string {
  const text = [header, ...lines].join('\n') + '\n';
  writeFileSync(path, path.endsWith('.gz') ? gzipSync(text) : text);
  return path;
}

/** A fer2013new.csv line: votes given in FER+ column order (neutral, happiness, surprise, sadness, anger, disgust, fear, contempt, unknown, NF). */
export function votesLine(usage: string, name: string, counts: readonly number[]): string {
  return `${usage},${name},${counts.join(',')}`;
}

export function writeVotesCsv(path: string, lines: readonly string[]): string {
  return writeCsv(path, lines, FERPLUS_HEADER);
}
