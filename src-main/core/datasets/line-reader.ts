import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { DatasetError } from './dataset-error.ts';

/** One line of a text file, as a byte range of `buf` (no LF; a trailing CR is dropped). */
export interface RawLine {
  line: number; // 1-based line number in the file
  buf: Buffer;
  start: number;
  end: number;
}

const LF = 10;
const CR = 13;

/** Checks the path names a readable, non-empty regular file; throws a DatasetError naming it otherwise. */
export async function checkInputFile(path: string): Promise<number> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new DatasetError(`${path} is not a file.`);
    size = s.size;
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(`File not found or unreadable: ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  if (size === 0) throw new DatasetError(`${path} is empty.`);
  return size;
}

/**
 * Streams the lines of a file (gunzipped when it ends in .gz) as Buffer ranges, without ever holding the
 * whole file: 1 MiB reads, lines split on LF by hand. A line that spans two reads is copied once.
 * `onProgress` gets the share of the file read so far.
 * Yields lines in batches so the per-line cost of async iteration stays out of the 35k-row loop.
 */
export async function* readLines(path: string, onProgress?: (fraction: number) => void): AsyncGenerator<RawLine[]> {
  const size = await checkInputFile(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = path.toLowerCase().endsWith('.gz') ? file.pipe(createGunzip({ chunkSize: 1 << 20 })) : file;
  file.on('error', (e) => stream.destroy(e));
  let carry: Buffer | null = null;
  let lineNo = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const batch: RawLine[] = [];
      let pos = 0;
      if (carry) {
        const nl = chunk.indexOf(LF);
        if (nl < 0) {
          carry = Buffer.concat([carry, chunk]);
          continue;
        }
        const joined = Buffer.concat([carry, chunk.subarray(0, nl)]);
        batch.push(trimCr({ line: ++lineNo, buf: joined, start: 0, end: joined.length }));
        carry = null;
        pos = nl + 1;
      }
      for (let nl = chunk.indexOf(LF, pos); nl >= 0; nl = chunk.indexOf(LF, pos)) {
        batch.push(trimCr({ line: ++lineNo, buf: chunk, start: pos, end: nl }));
        pos = nl + 1;
      }
      if (pos < chunk.length) carry = Buffer.from(chunk.subarray(pos));
      if (batch.length) yield batch;
      onProgress?.(file.bytesRead / size); // of the file as stored (compressed for .gz), so exact either way
    }
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') throw new DatasetError(`${path} is not a valid gzip file (${(e as Error).message}).`);
    throw e;
  }
  // A last line without a trailing newline still counts.
  if (carry && carry.length) yield [trimCr({ line: ++lineNo, buf: carry, start: 0, end: carry.length })];
}

function trimCr(l: RawLine): RawLine {
  if (l.end > l.start && l.buf[l.end - 1] === CR) l.end--;
  return l;
}

export function lineText(l: RawLine): string {
  return l.buf.toString('utf8', l.start, l.end);
}
