/**
 * A FER2013-format csv of any size for the scale bench: the real rows repeated until `rows`, each copy after
 * the first with its own seeded ±1..3 gray-level jitter, so copies are near-duplicates but never identical files rows.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createGzip, constants } from 'node:zlib';
import { FER2013_HEADER, readFer2013Csv } from '../src-main/core/datasets/fer2013-csv-reader.ts';
import { seededRandom } from '../src-main/core/ml/noise/folds.ts';

export interface FerRow {
  emotion: number;
  usage: string;
  pixels: Uint8Array;
}

/**
 * Row i of the repeated set: copy floor(i / n) of source row i % n; copy 0 as it is, copy c jittered by
 * offsets drawn from seed c. A copy draws its offsets once and each row reads them from its own start:
 * a million rows of per-pixel random draws would make building the input slower than importing it.
 */
export function* repeatedRows(source: readonly FerRow[], rows: number): Generator<FerRow> {
  let offsets: Int8Array = new Int8Array(0);
  for (let i = 0; i < rows; i++) {
    const copy = Math.floor(i / source.length);
    const row = source[i % source.length]!;
    if (copy === 0) {
      yield row;
      continue;
    }
    if (i % source.length === 0) offsets = jitterOffsets(2 * row.pixels.length, seededRandom(copy));
    yield { ...row, pixels: jitter(row.pixels, offsets, (i % source.length) % row.pixels.length) };
  }
}

/** n offsets of ±1..3 gray levels. */
export function jitterOffsets(n: number, random: () => number): Int8Array {
  const out = new Int8Array(n);
  for (let k = 0; k < n; k++) {
    const r = random();
    out[k] = (r < 0.5 ? -1 : 1) * (1 + (Math.floor(r * 6) % 3));
  }
  return out;
}

/** Each pixel moved by offsets[start + p], clamped to 0..255. */
export function jitter(pixels: Uint8Array, offsets: Int8Array, start = 0): Uint8Array {
  const out = new Uint8Array(pixels.length);
  for (let p = 0; p < pixels.length; p++) {
    const v = pixels[p]! + offsets[start + p]!;
    out[p] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}

/** `emotion,p0 p1 ...,Usage\n` written byte by byte (a join per row would dominate a million rows). */
export function encodeRow(row: FerRow): Buffer {
  const buf = Buffer.allocUnsafe(row.pixels.length * 4 + row.usage.length + 8);
  let at = buf.write(`${row.emotion},`);
  for (let p = 0; p < row.pixels.length; p++) {
    if (p > 0) buf[at++] = 32;
    const v = row.pixels[p]!;
    if (v >= 100) buf[at++] = 48 + Math.floor(v / 100);
    if (v >= 10) buf[at++] = 48 + (Math.floor(v / 10) % 10);
    buf[at++] = 48 + (v % 10);
  }
  at += buf.write(`,${row.usage}\n`, at);
  return buf.subarray(0, at);
}

export async function readFerRows(path: string): Promise<FerRow[]> {
  const rows: FerRow[] = [];
  for await (const items of readFer2013Csv(path)) for (const it of items) if (it.ok) rows.push({ emotion: it.emotion, usage: it.split, pixels: it.pixels });
  return rows;
}

/**
 * Streams the repeated set to a gzip (level 1: the bench waits on it, not on size); `onRows` every 10,000 rows.
 * Written as `out`.partial and renamed when complete, so a stopped build is never reused as an input.
 */
export async function writeRepeatedCsv(source: readonly FerRow[], rows: number, out: string, onRows?: (done: number) => void): Promise<void> {
  const gzip = createGzip({ level: constants.Z_BEST_SPEED });
  const file = createWriteStream(out + '.partial');
  const piped = new Promise<void>((done, fail) => {
    gzip.pipe(file).on('close', done).on('error', fail);
    gzip.on('error', fail);
  });
  gzip.write(FER2013_HEADER + '\n');
  let done = 0;
  for (const row of repeatedRows(source, rows)) {
    if (!gzip.write(encodeRow(row))) await once(gzip, 'drain'); // backpressure: never the whole file in memory
    if (++done % 10_000 === 0) onRows?.(done);
  }
  gzip.end();
  await piped;
  await rename(out + '.partial', out);
}
