import type { Workspace } from '../store/workspace.ts';
import { samplesInPages, withSnapshot } from './snapshot.ts';
import { writeFileAtomically } from './atomic-output.ts';
import { FER2013_HEADER } from './fer2013-csv-reader.ts';
import { DatasetError } from './dataset-error.ts';
import { channelsName } from '../../../src-common/dataset.ts';

/** Decimal text of every byte value, so a row is assembled by copying, never by number formatting. */
const DIGITS = Array.from({ length: 256 }, (_, v) => Buffer.from(String(v), 'latin1'));
const FLUSH_AT = 1 << 20;

/**
 * Writes fer2013.csv (or .csv.gz) in the original layout: `emotion,pixels,Usage`, LF, trailing newline,
 * rows in sample order, current labels. An unmodified workspace imported from fer2013.csv exports
 * byte-identical to it. Excluded samples are dropped unless `keepExcluded`.
 */
export async function exportFer2013Csv(ws: Workspace, out: string, options: { keepExcluded: boolean; onRows?: (rows: number) => void }): Promise<{ rows: number }> {
  // The layout's pixels column is gray levels: an RGB row there would read back as an image three times too large.
  if (ws.dataset.channels !== 1) throw new DatasetError(`fer2013.csv holds grayscale pixels; this workspace stores ${channelsName(ws.dataset.channels)} images. Export it as image folders instead.`);
  let rows = 0;
  await withSnapshot(ws, (db) => writeFileAtomically(out, async (sink) => {
    let buf: Buffer = Buffer.allocUnsafe(FLUSH_AT + 16 * 1024);
    let len = buf.write(FER2013_HEADER + '\n', 0, 'latin1');
    for (const page of samplesInPages(db, { includeExcluded: options.keepExcluded })) for (const s of page) {
      const px = s.pixels;
      if (len + px.length * 4 + 64 > buf.length) buf = grow(buf, len, px.length * 4 + 64);
      len += buf.write(`${s.label},`, len, 'latin1');
      for (let i = 0; i < px.length; i++) {
        if (i) buf[len++] = 32;
        const d = DIGITS[px[i]!]!;
        for (let k = 0; k < d.length; k++) buf[len++] = d[k]!;
      }
      len += buf.write(`,${s.split}\n`, len, 'latin1');
      rows++;
      if (len >= FLUSH_AT) {
        options.onRows?.(rows);
        await sink.write(Buffer.from(buf.subarray(0, len)));
        len = 0;
      }
    }
    if (len) await sink.write(Buffer.from(buf.subarray(0, len)));
  }));
  return { rows };
}

function grow(buf: Buffer, len: number, need: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, len + need));
  buf.copy(bigger, 0, 0, len);
  return bigger;
}
