/**
 * `node bin/run-ts.js scripts/gpu-bundle/make-data.ts OUT [ROWS]`: writes the first ROWS (default 2048) rows of
 * FER2013's Training split, read from ../shared/datasets/fer2013.csv.gz (or $FER_DATASETS), as a FERU8 file
 * (fer-u8.ts). Used by scripts/gpu-bundle.sh; stops reading the CSV as soon as it has the rows.
 */
import { writeFileSync } from 'node:fs';
import { readFer2013Csv } from '../../src-main/core/datasets/fer2013-csv-reader.ts';
import { fer2013Path } from '../../test/helpers/fer-rows.ts';
import { encodeFerU8, type U8Row } from './fer-u8.ts';

const [out, rowsArg = '2048'] = process.argv.slice(2);
if (!out || !/^\d+$/.test(rowsArg) || Number(rowsArg) < 1) {
  console.error('usage: make-data.ts OUT [ROWS]');
  process.exit(2);
}
const want = Number(rowsArg);
const rows: U8Row[] = [];
read: for await (const items of readFer2013Csv(fer2013Path())) {
  for (const it of items) {
    if (!it.ok) throw new Error(`fer2013.csv.gz line ${it.line}: ${it.reason}`);
    if (it.split !== 'Training') continue;
    rows.push({ emotion: it.emotion, pixels: it.pixels });
    if (rows.length === want) break read;
  }
}
if (rows.length < want) throw new Error(`fer2013.csv.gz has only ${rows.length} Training rows, fewer than ${want}.`);
const bytes = encodeFerU8(rows);
writeFileSync(out, bytes);
console.log(`${out}: ${want} Training rows, ${(bytes.length / 1e6).toFixed(1)} MB`);
