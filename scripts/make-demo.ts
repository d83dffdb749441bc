/**
 * Makes the demo workspace's data under resources/demo/ from the real FER2013 files in ../shared/datasets
 * (or $FER_DATASETS): a stratified sample by split and class, the original lines copied byte for byte in
 * original order, with the matching FER+ vote lines. Run: `node bin/run-ts.js scripts/make-demo.ts`.
 */
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gzipSync } from 'node:zlib';
import { CLASS_NAMES, SPLITS, type Split } from '../src-common/classes.ts';
import { allocateStratified, pickRows } from '../src-main/core/demo/demo-sample.ts';

const ROWS_PER_SPLIT: Record<Split, number> = { Training: 1500, PublicTest: 300, PrivateTest: 300 };
const CLASS_FLOOR: Record<Split, number> = { Training: 40, PublicTest: 12, PrivateTest: 12 };
const SEED = 2013;

const root = resolve(import.meta.dirname, '..');
const datasets = process.env.FER_DATASETS ?? resolve(root, '../shared/datasets');
const outDir = resolve(root, 'resources/demo');

async function* csvLines(path: string): AsyncGenerator<string> {
  const input = createReadStream(path).pipe(createGunzip());
  yield* createInterface({ input, crlfDelay: Infinity });
}

async function main(): Promise<void> {
  const csvPath = resolve(datasets, 'fer2013.csv.gz');
  const votesPath = resolve(datasets, 'fer2013new.csv');

  // Pass 1: which rows fall in each (split, class) stratum.
  const strata = new Map<string, number[]>();
  let row = -1; // data row index of `line`; -1 is the header
  let header = '';
  for await (const line of csvLines(csvPath)) {
    if (row === -1) {
      header = line;
      row++;
      continue;
    }
    const emotion = line.slice(0, line.indexOf(','));
    const usage = line.slice(line.lastIndexOf(',') + 1);
    const key = `${usage}/${emotion}`;
    (strata.get(key) ?? strata.set(key, []).get(key)!).push(row++);
  }
  if (header !== 'emotion,pixels,Usage') throw new Error(`Unexpected header in ${csvPath}: ${header.slice(0, 40)}`);

  const chosen = new Set<number>();
  const table: string[] = [];
  for (const split of SPLITS) {
    const counts = CLASS_NAMES.map((_, c) => strata.get(`${split}/${c}`)?.length ?? 0);
    const quota = allocateStratified(counts, ROWS_PER_SPLIT[split], CLASS_FLOOR[split]);
    quota.forEach((q, c) => pickRows(strata.get(`${split}/${c}`) ?? [], q, SEED).forEach((r) => chosen.add(r)));
    table.push(`| ${split} | ${quota.join(' | ')} | ${quota.reduce((a, b) => a + b, 0)} |`);
  }

  // Pass 2: copy the chosen lines unchanged, in file order.
  const out: string[] = [header];
  row = -1;
  for await (const line of csvLines(csvPath)) {
    if (row >= 0 && chosen.has(row)) out.push(line);
    row++;
  }
  const votes = readFileSync(votesPath, 'utf8').split('\n');
  const votesOut = [votes[0]!, ...[...chosen].sort((a, b) => a - b).map((r) => votes[r + 1]!)];

  mkdirSync(outDir, { recursive: true });
  const gz = gzipSync(out.join('\n') + '\n', { level: 9 }); // no name, mtime 0: the same input gives the same bytes
  writeFileSync(resolve(outDir, 'fer2013-demo.csv.gz'), gz);
  writeFileSync(resolve(outDir, 'fer2013new-demo.csv'), votesOut.join('\n') + '\n');
  writeFileSync(resolve(outDir, 'rows.txt'), [...chosen].sort((a, b) => a - b).join('\n') + '\n');
  console.log(`${chosen.size} rows -> resources/demo (${(gz.length / 1e6).toFixed(2)} MB gz)`);
  console.log(`| Usage | ${CLASS_NAMES.join(' | ')} | total |`);
  console.log(table.join('\n'));
}

await main();
