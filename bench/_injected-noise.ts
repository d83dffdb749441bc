/**
 * `npm run bench -- noise --dataset fashion-mnist --noise sym20|asym20|asym40 [--preset fast-cpu|thorough]
 *   [--epochs N | --no-retrain] [--max-flags N] [--limit N] [--seed S] [--json]`
 * Label noise with a known truth, as in the confident learning paper: Fashion-MNIST (Debian's
 * dataset-fashion-mnist IDX files) imported into a fresh workspace, noise injected into Training at seeded rows
 * (label events of their own reason, 'injected-noise'), a model trained on the noisy labels, one scan, then an
 * oracle reviewer who knows the true labels walks the Review queue, and the model is retrained. The test split
 * (t10k) keeps its clean labels, so test accuracy shows what cleaning bought. --no-retrain: detection figures only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Flags, parseArgs, UsageError } from '../src-main/cli/args.ts';
import { followJob } from '../src-main/cli/follow-job.ts';
import type { ScanTiming, StudioClient } from '../src-main/core/api.ts';
import { formatScanTiming } from '../src-common/format-scan-timing.ts';
import { SCAN_PRESETS, type ScanPresetName } from '../src-common/scan-presets.ts';
import { TRAIN_PRESETS } from '../src-common/train-defaults.ts';
import { injectNoise, parseNoiseSpec, NOISE_SPECS, type NoiseName } from '../src-main/core/ml/noise/inject-noise.ts';
import { auroc, averagePrecision, precisionAt } from '../src-main/core/ml/noise/ranking-metrics.ts';
import { localClient } from '../src-main/core/studio/local-client.ts';
import { Studio } from '../src-main/core/studio/studio.ts';
import { reviewRanks } from './_oracle-reviewer.ts';
import { FASHION_MNIST_DIR } from '../src-main/core/datasets/idx-families.ts';

const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) };
const PRECISION_KS = [500, 1000, 2000, 5000] as const;

export async function run(argv: string[]): Promise<void> {
  const flags = new Flags(parseArgs(argv));
  const dataset = flags.string('dataset');
  const noise = flags.string('noise') ?? 'sym20';
  const preset = (flags.string('preset') ?? 'fast-cpu') as ScanPresetName;
  const epochs = flags.int('epochs') ?? TRAIN_PRESETS.quick.settings.epochs;
  // The product's 5,000 flags suit FER2013's 28,709 images; 20% of 54,000 is 10,800 wrong labels.
  const maxFlags = flags.int('max-flags') ?? 15_000;
  const limit = flags.int('limit');
  const seed = flags.int('seed') ?? 1;
  const json = flags.bool('json');
  const retrain = !flags.bool('no-retrain');
  flags.rejectUnknown();
  if (dataset !== 'fashion-mnist') throw new UsageError(`--dataset: only fashion-mnist has injected-noise benchmarks (got '${dataset}').`);
  parseNoiseSpec(noise);
  if (!(preset in SCAN_PRESETS)) throw new UsageError(`--preset must be one of ${Object.keys(SCAN_PRESETS).join(', ')}.`);

  const path = join(mkdtempSync(join(tmpdir(), 'fer-bench-fmnist-')), 'w.db');
  const studio = new Studio(path);
  const api = localClient(studio);
  try {
    io.err(`Workspace ${path}`);
    const imported = await api.importIdx({ path: FASHION_MNIST_DIR, classes: 'fashion-mnist', strict: true });
    io.err(`Imported ${imported.imported} images in ${imported.seconds.toFixed(1)} s.`);
    const truth = await injectInto(studio, api, noise as NoiseName, seed);
    io.err(`Injected ${noise}: ${truth.flipped.size} of ${truth.original.size} Training labels flipped.`);

    const noisyRun = retrain ? await trainAndTest(studio, api, epochs, limit) : null;
    if (noisyRun) io.err(`Trained on the noisy labels: test ${pct(noisyRun.test)} in ${min(noisyRun.seconds)}.`);

    const t = performance.now();
    const scan = await api.startScan({ ...SCAN_PRESETS[preset], maxFlags, ...(limit ? { limit } : {}) });
    const scanJob = await followJob(studio, scan.jobId, io, { intervalMs: 30_000 });
    if (scanJob.state !== 'done') throw new Error(`scan ${scanJob.state}: ${scanJob.error ?? ''}`);
    const scanSeconds = (performance.now() - t) / 1000;
    const detection = detectionFigures(studio, scan.scanId, truth);
    io.err(`Scan ${scan.scanId} in ${min(scanSeconds)}: AUROC ${detection.auroc.toFixed(3)}, AP ${detection.averagePrecision.toFixed(3)}.`);
    const scanSummary = (await api.listScans({})).find((x) => x.id === scan.scanId)!;

    const flagCount = (await api.reviewQueue({ scanId: scan.scanId, limit: 1 })).total;
    const review = await reviewRanks(api, scan.scanId, 0, flagCount, (item) => {
      const original = truth.original.get(item.sampleId);
      return original !== undefined && original !== item.label ? { action: 'relabel', label: original } : { action: 'keep' };
    });
    const stillWrong = [...truth.original].filter(([id, label]) => studio.workspace.samples.get(id)?.label !== label).length;
    const cleanRun = retrain ? await trainAndTest(studio, api, epochs, limit) : null;
    if (cleanRun) io.err(`Retrained after the oracle review: test ${pct(cleanRun.test)} in ${min(cleanRun.seconds)}.`);

    const result = {
      dataset, noise, spec: NOISE_SPECS[noise as NoiseName], seed, preset, scan: SCAN_PRESETS[preset], limit: limit ?? null,
      training: truth.original.size, flipped: truth.flipped.size, scanSeconds, scanTiming: scanSummary.timing, scanFolds: scanSummary.folds, flags: flagCount, ...detection,
      review: { ...review, stillWrong },
      retrain: retrain ? { epochs, noisyLabels: noisyRun!, afterReview: cleanRun! } : null,
    };
    if (json) io.out(JSON.stringify(result));
    else printResult(result);
  } finally {
    await studio.close();
  }
}

interface Truth {
  original: Map<number, number>; // every Training sample's true label
  flipped: Set<number>;          // the samples whose label the injection changed
}

/** Flips Training labels as `noise` says, in one label batch of reason 'injected-noise', and returns what was true. */
async function injectInto(studio: Studio, api: StudioClient, noise: NoiseName, seed: number): Promise<Truth> {
  const training = await api.listSamples({ split: 'Training' });
  const injected = injectNoise(training.labels, studio.workspace.dataset.classes.length, noise, seed);
  const changes = Array.from(injected.flipped, (i) => ({ sampleId: training.ids[i]!, field: 'label' as const, value: injected.noisy[i]! }));
  studio.workspace.labels.apply(changes, 'injected-noise', { actor: 'local:bench', note: `bench noise --noise ${noise} --seed ${seed}` });
  return { original: new Map(training.ids.map((id, i) => [id, training.labels[i]!])), flipped: new Set(changes.map((c) => c.sampleId)) };
}

/** Every scored sample's score and suggestion against the known flips. */
function detectionFigures(studio: Studio, scanId: number, truth: Truth) {
  const rows = studio.workspace.db.prepare('SELECT sample_id AS id, score, suggested, issue FROM scan_scores WHERE scan_id = ?').all(scanId) as Array<{ id: number; score: number; suggested: number; issue: number }>;
  const scores = rows.map((r) => r.score);
  const positive = rows.map((r) => truth.flipped.has(r.id));
  const flippedRows = rows.filter((r) => truth.flipped.has(r.id));
  const issues = rows.filter((r) => r.issue === 1);
  return {
    scored: rows.length,
    auroc: auroc(scores, positive),
    averagePrecision: averagePrecision(scores, positive),
    precisionAt: Object.fromEntries([...PRECISION_KS, flippedRows.length].map((k) => [String(k), precisionAt(scores, positive, k)])),
    issueSet: { size: issues.length, precision: issues.filter((r) => truth.flipped.has(r.id)).length / Math.max(issues.length, 1), recall: issues.filter((r) => truth.flipped.has(r.id)).length / Math.max(flippedRows.length, 1) },
    suggestionAccuracyOnFlipped: flippedRows.filter((r) => r.suggested === truth.original.get(r.id)).length / Math.max(flippedRows.length, 1),
  };
}

/** A from-scratch run (quick preset's recipe) on the current labels; the test split's labels are clean. */
async function trainAndTest(studio: Studio, api: StudioClient, epochs: number, limit: number | undefined) {
  const t = performance.now();
  const { jobId, runId } = await api.startTrain({ ...TRAIN_PRESETS.quick.settings, epochs, ...(limit ? { limit } : {}) });
  const job = await followJob(studio, jobId, io, { intervalMs: 60_000 });
  if (job.state !== 'done') throw new Error(`run ${runId} ${job.state}: ${job.error ?? ''}`);
  const run = await api.getRun({ id: runId });
  return { runId, test: run.testAccuracy, testMacroF1: run.test?.macroF1 ?? null, validation: run.valAccuracy, seconds: (performance.now() - t) / 1000 };
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(2)}%`);
const min = (s: number) => `${(s / 60).toFixed(1)} min`;

function printResult(r: {
  noise: string; preset: string; training: number; flipped: number; scanSeconds: number; scanTiming: ScanTiming | null; scanFolds: number; flags: number; auroc: number; averagePrecision: number;
  precisionAt: Record<string, number>; issueSet: { size: number; precision: number; recall: number }; suggestionAccuracyOnFlipped: number;
  review: { relabels: number; keeps: number; stillWrong: number }; retrain: { epochs: number; noisyLabels: { test: number | null }; afterReview: { test: number | null } } | null;
}): void {
  io.out(`Fashion-MNIST, ${r.noise}: ${r.flipped} of ${r.training} Training labels flipped; ${r.preset} scan in ${min(r.scanSeconds)}, ${r.flags} flags`);
  if (r.scanTiming) io.out(`  scan time: ${formatScanTiming(r.scanTiming, r.scanFolds)}`);
  io.out(`  AUROC ${r.auroc.toFixed(3)}  AP ${r.averagePrecision.toFixed(3)}  ` + Object.entries(r.precisionAt).map(([k, v]) => `P@${k} ${v.toFixed(3)}`).join('  '));
  io.out(`  confident-learning issues: ${r.issueSet.size} (precision ${r.issueSet.precision.toFixed(3)}, recall ${r.issueSet.recall.toFixed(3)}); suggestion = true label on ${pct(r.suggestionAccuracyOnFlipped)} of the flips`);
  io.out(`  oracle review of the flags: ${r.review.relabels} relabelled, ${r.review.keeps} kept; ${r.review.stillWrong} labels still wrong`);
  if (r.retrain) io.out(`  test accuracy (t10k, clean), ${r.retrain.epochs}-epoch cnn-small: ${pct(r.retrain.noisyLabels.test)} on the noisy labels -> ${pct(r.retrain.afterReview.test)} after the review`);
}
