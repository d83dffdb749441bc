/**
 * `npm run bench -- noise [--workspace W] [--limit N] [--folds K] [--epochs N] [--model M] [--engine E] [--scan ID] [--json]`
 * Runs a label-noise scan (or reuses --scan ID), then scores every ranking method against the FER+ majority
 * from the same out-of-fold probabilities. Without --workspace, imports the real FER2013 + FER+ into a temp file.
 * With --dataset fashion-mnist --noise sym20|asym20|asym40: injected noise with a known truth (_injected-noise.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { definedOnly, Flags, parseArgs } from '../src-main/cli/args.ts';
import { followJob } from '../src-main/cli/follow-job.ts';
import { formatScanTiming } from '../src-common/format-scan-timing.ts';
import { Studio } from '../src-main/core/studio/studio.ts';
import { NUM_CLASSES } from '../src-common/classes.ts';
import { analyzeScan } from '../src-main/core/ml/noise/analyze-scan.ts';
import { evaluateAgainstFerPlus } from '../src-main/core/ml/noise/evaluate-noise.ts';
import { RANKING_NAMES } from '../src-main/core/ml/noise/rankings.ts';
import { SUGGESTION_NAMES, type SuggestionName } from '../src-main/core/ml/noise/suggestions.ts';
import { floatsFromBlob } from '../src-main/core/store/latest.ts';
import { ScanStore } from '../src-main/core/store/scans.ts';
import { voteColumnsSql, votesFromRow } from '../src-main/core/store/vote-columns.ts';

const datasets = process.env.FER_DATASETS ?? resolve(import.meta.dirname, '../../shared/datasets');

export async function run(argv: string[]): Promise<void> {
  // A dataset with injected (known) noise instead of FER2013 against FER+: its own benchmark.
  if (argv.includes('--dataset')) return (await import('./_injected-noise.ts')).run(argv);
  const flags = new Flags(parseArgs(argv));
  const workspace = flags.string('workspace');
  const existingScan = flags.int('scan');
  const json = flags.bool('json');
  const scanInput = definedOnly({ limit: flags.int('limit'), folds: flags.int('folds'), epochs: flags.int('epochs'), model: flags.string('model'), engine: flags.string('engine'), mode: flags.bool('quick') ? 'quick' : undefined });
  flags.rejectUnknown();
  const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) };
  const path = workspace ?? join(mkdtempSync(join(tmpdir(), 'fer-bench-noise-')), 'w.db');
  const studio = new Studio(path);
  try {
    if (studio.workspace.samples.count() === 0) {
      io.err(`Importing FER2013 + FER+ into ${path}…`);
      await studio.call('importFer2013', { path: join(datasets, 'fer2013.csv.gz'), votesPath: join(datasets, 'fer2013new.csv') });
    }
    let scanId = existingScan;
    if (scanId === undefined) {
      const started = (await studio.call('startScan', scanInput)) as { jobId: string; scanId: number };
      const job = await followJob(studio, started.jobId, io, { intervalMs: 10_000 });
      if (job.state !== 'done') throw new Error(`scan ${job.state}: ${job.error ?? ''}`);
      scanId = started.scanId;
    }
    const scans = new ScanStore(studio.workspace.db);
    const scan = scans.get(scanId)!;
    const rows = studio.workspace.db
      .prepare(`SELECT sc.sample_id AS id, sc.given, sc.fold, sc.probs, ${voteColumnsSql('v')} FROM scan_scores sc LEFT JOIN votes v ON v.sample_id = sc.sample_id WHERE sc.scan_id = ? ORDER BY sc.sample_id`)
      .all(scanId) as Array<Record<string, unknown>>;
    const probs = new Float32Array(rows.length * NUM_CLASSES);
    rows.forEach((r, i) => probs.set(floatsFromBlob(r.probs as Buffer), i * NUM_CLASSES));
    const evaluateWith = (ranking: (typeof RANKING_NAMES)[number], suggestion: SuggestionName) => {
      const a = analyzeScan({ sampleIds: rows.map((r) => r.id as number), labels: rows.map((r) => r.given as number), folds: rows.map((r) => r.fold as number), probs, classes: NUM_CLASSES, decided: new Set(), maxFlags: 5000, ranking, suggestion });
      return evaluateAgainstFerPlus(scanId!, a.scores.map((s, i) => ({ ...s, issue: s.issue ? 1 : 0, votes: votesFromRow(rows[i]!) })));
    };
    const results = RANKING_NAMES.map((ranking) => ({ ranking, ...evaluateWith(ranking, 'top-other') }));
    // The suggested label does not depend on the ranking: one figure per way of suggesting.
    const suggestions = SUGGESTION_NAMES.map((suggestion) => ({ suggestion, accuracyOnNoisy: evaluateWith('normalized-margin', suggestion).suggestedAccuracyOnNoisy }));
    const header = { scanId, samples: rows.length, durationSeconds: scan.durationSeconds, timing: scan.timing, engine: scan.engine, model: scan.model, folds: scan.folds, epochs: scan.epochs, mode: scan.mode };
    if (json) {
      io.out(JSON.stringify({ ...header, results, suggestions }));
      return;
    }
    io.out(`scan ${scanId}: ${rows.length} samples, ${scan.mode} ${scan.folds} fold(s) x ${scan.epochs} epochs of ${scan.model} on ${scan.engine}, ${scan.durationSeconds?.toFixed(0)} s`);
    if (scan.timing) io.out(`  time: ${formatScanTiming(scan.timing, scan.folds)}`);
    io.out('ranking                        AUROC   AP      P@500   P@1000  P@2000  P@5000  CL-issues P/R');
    const f = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '  n/a ' : v.toFixed(3)).padEnd(8);
    for (const r of results) {
      io.out(`${r.ranking.padEnd(31)}${f(r.auroc)}${f(r.averagePrecision)}${f(r.precisionAt['500'])}${f(r.precisionAt['1000'])}${f(r.precisionAt['2000'])}${f(r.precisionAt['5000'])}${r.issueSetPrecision.toFixed(3)}/${r.issueSetRecall.toFixed(3)}`);
    }
    io.out(`out-of-fold model accuracy: ${f(results[0]!.modelAccuracy)}on the given labels, ${f(results[0]!.modelAccuracyVsFerPlus)}on the FER+ majority`);
    io.out('suggested label = FER+ majority, on the noisy samples:');
    for (const s of suggestions) io.out(`  ${s.suggestion.padEnd(29)}${f(s.accuracyOnNoisy)}`);
  } finally {
    await studio.close();
  }
}
