/**
 * `npm run bench -- import [--file PATH] [--votes PATH] [--json]`: seconds to import the full
 * fer2013.csv.gz (optionally with FER+ votes) into a fresh temporary workspace, then to export it back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExportReport, ImportReport } from '../src-main/core/api.ts';
import { Studio } from '../src-main/core/studio/studio.ts';
import { Flags, parseArgs } from '../src-main/cli/args.ts';

export async function run(argv: string[]): Promise<void> {
  const flags = new Flags(parseArgs(argv));
  const datasets = process.env.FER_DATASETS ?? resolve(fileURLToPath(import.meta.url), '../../../shared/datasets');
  const file = flags.string('file') ?? join(datasets, 'fer2013.csv.gz');
  const votes = flags.string('votes');
  const json = flags.bool('json');
  const skipExport = flags.bool('no-export');
  flags.rejectUnknown();

  const dir = mkdtempSync(join(tmpdir(), 'fer-bench-import-'));
  const studio = new Studio(join(dir, 'w.db'));
  try {
    const t0 = performance.now();
    const r = (await studio.call('importFer2013', { path: file, ...(votes ? { votesPath: votes } : {}) })) as ImportReport;
    const importSeconds = (performance.now() - t0) / 1000;
    let exp: ExportReport | null = null;
    if (!skipExport) exp = (await studio.call('exportCsv', { out: join(dir, 'out.csv') })) as ExportReport;
    const result = {
      file,
      samples: r.imported,
      skipped: r.skipped.length,
      votes: r.votes?.imported ?? null,
      importSeconds: Number(importSeconds.toFixed(2)),
      rowsPerSecond: Math.round(r.imported / importSeconds),
      exportSeconds: exp?.seconds ?? null,
    };
    console.log(`import ${result.file}: ${result.samples} samples${votes ? ` + ${result.votes} vote rows` : ''} in ${result.importSeconds} s (${result.rowsPerSecond} rows/s)`);
    if (exp) console.log(`export fer2013.csv: ${exp.rows} rows in ${exp.seconds} s`);
    if (json) console.log(JSON.stringify(result));
  } finally {
    await studio.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
