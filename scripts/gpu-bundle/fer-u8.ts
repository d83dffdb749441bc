/**
 * A compact FER2013 sample file for machines without ../shared/datasets (the GPU bundle): no CSV to parse.
 * Layout, gzip-compressed: the 8-byte magic `FERU8v1\n`, the row count n (uint32 little-endian), n labels
 * (uint8, 0..6), then n x 2304 pixels (uint8, each row 48x48 row-major), rows in fer2013.csv order.
 * `npm run gpu-bundle` writes one (make-data.ts); `npm run bench -- train --data FILE` reads it.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

const MAGIC = Buffer.from('FERU8v1\n', 'latin1');
const PIXELS = 2304;

export interface U8Row {
  emotion: number;
  pixels: Uint8Array; // 2304 values
}

export function encodeFerU8(rows: readonly U8Row[]): Buffer {
  const out = Buffer.alloc(MAGIC.length + 4 + rows.length * (1 + PIXELS));
  MAGIC.copy(out, 0);
  out.writeUInt32LE(rows.length, MAGIC.length);
  const labels = MAGIC.length + 4;
  const pixels = labels + rows.length;
  rows.forEach((r, i) => {
    if (r.pixels.length !== PIXELS) throw new Error(`row ${i}: ${r.pixels.length} pixels, expected ${PIXELS}`);
    out[labels + i] = r.emotion;
    out.set(r.pixels, pixels + i * PIXELS);
  });
  return gzipSync(out, { level: 9 });
}

/** The first `limit` rows (all when omitted) of a FERU8 file; throws when it holds fewer. */
export function readFerU8(path: string, limit?: number): U8Row[] {
  const raw = gunzipSync(readFileSync(path));
  if (raw.length < MAGIC.length + 4 || !raw.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`${path} is not a FERU8 file (see scripts/gpu-bundle/fer-u8.ts).`);
  const n = raw.readUInt32LE(MAGIC.length);
  const labels = MAGIC.length + 4;
  const pixels = labels + n;
  if (raw.length !== pixels + n * PIXELS) throw new Error(`${path}: ${raw.length} bytes, expected ${pixels + n * PIXELS} for ${n} rows.`);
  const take = limit ?? n;
  if (take > n) throw new Error(`${path} holds ${n} rows, fewer than the ${take} asked for.`);
  return Array.from({ length: take }, (_, i) => ({ emotion: raw[labels + i]!, pixels: raw.subarray(pixels + i * PIXELS, pixels + (i + 1) * PIXELS) }));
}
