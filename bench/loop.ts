/**
 * `npm run bench -- loop [--preset fast-cpu|thorough] [--review 0,500,1000,2000,all] [--retrain scratch|fine-tune]
 *   [--model M] [--epochs N] [--limit N] [--no-ceiling] [--chart FILE.svg] [--json]`
 *
 * One turn of the studio's loop on the real data, measured: a fresh workspace imports FER2013 + FER+, a scan
 * flags likely label errors, a simulated reviewer decides the top K flags by the FER+ majority (through the
 * Review view's own contract calls), then a model is retrained on the current labels and evaluated on
 * PublicTest and PrivateTest against the original labels and the FER+ majority. K=0 is the baseline (same
 * seed and recipe); the last row sets every Training label to the FER+ majority: the ceiling of cleaning.
 * Review is cumulative (K=2000 decides the next flags after K=1000), which equals deciding the top K afresh.
 * --retrain fine-tune: K=0 trains from scratch, every later row fine-tunes that run (retrain-plan.ts's recipe).
 *
 * --limit N scans and trains on a stratified N of Training (a quick check of the bench itself, not a figure).
 *
 * --workspace W --scan ID [--baseline-run R]: go on from a workspace an earlier loop left (its scan is the costly
 * part, and it does not change with the retrain recipe): no import and no scan; with --baseline-run, row K=0 is
 * that finished run (trained on the labels before any review) instead of a new one. The workspace's labels must
 * still be those of the scan (nothing decided yet): the reviewer starts at the first flag.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Flags, parseArgs, UsageError } from '../src-main/cli/args.ts';
import { followJob } from '../src-main/cli/follow-job.ts';
import type { RunDetail, StudioClient } from '../src-main/core/api.ts';
import { SCAN_PRESETS, SCAN_PRESET_NAMES, type ScanPresetName } from '../src-common/scan-presets.ts';
import { MODEL_NAMES } from '../src-common/model-engine-names.ts';
import { NUM_CLASSES } from '../src-common/classes.ts';
import { fineTuneInput } from '../src-main/core/studio/retrain-plan.ts';
import { TRAIN_DEFAULTS } from '../src-common/train-defaults.ts';
import { Studio } from '../src-main/core/studio/studio.ts';
import { localClient } from '../src-main/core/studio/local-client.ts';
import { freshFerWorkspace } from './_fer-workspace.ts';
import { decide, reviewRanks, type ReviewTally } from './_oracle-reviewer.ts';
import { lineChartSvg } from './_svg-chart.ts';

const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) };

interface Scores {
  accuracy: number | null;
  macroF1: number | null;
}

interface LoopRow extends ReviewTally {
  k: number | 'all' | 'ceiling';
  decided: number;            // flags decided so far (K, or every flag for 'all')
  reviewSeconds: number;
  trainSeconds: number;
  runId: number;
  given: { public: Scores; private: Scores };
  ferPlus: { public: Scores; private: Scores };
  leftOutPrivate: number;     // PrivateTest samples without a 7-class FER+ majority
}

export async function run(argv: string[]): Promise<void> {
  const flags = new Flags(parseArgs(argv));
  const preset = (flags.string('preset') ?? 'fast-cpu') as ScanPresetName;
  const reviewArg = flags.string('review') ?? '0,2000';
  const retrain = flags.string('retrain') ?? 'scratch';
  const model = flags.string('model') ?? 'cnn-small';
  const epochs = flags.int('epochs') ?? 8;
  const limit = flags.int('limit');
  const ceiling = !flags.bool('no-ceiling');
  const chart = flags.string('chart');
  const json = flags.bool('json');
  const reuse = flags.string('workspace');
  const reuseScan = flags.int('scan');
  const baselineRun = flags.int('baseline-run');
  flags.rejectUnknown();
  if ((reuse === undefined) !== (reuseScan === undefined)) throw new UsageError('--workspace and --scan go together (a workspace and the scan in it to go on from).');
  if (baselineRun !== undefined && reuse === undefined) throw new UsageError('--baseline-run needs --workspace and --scan.');
  if (!SCAN_PRESET_NAMES.includes(preset)) throw new UsageError(`--preset must be one of ${SCAN_PRESET_NAMES.join(', ')}.`);
  if (retrain !== 'scratch' && retrain !== 'fine-tune') throw new UsageError(`--retrain must be scratch or fine-tune (got '${retrain}').`);
  if (!(MODEL_NAMES as readonly string[]).includes(model)) throw new UsageError(`--model must be one of ${MODEL_NAMES.join(', ')}.`);
  const ks = parseReview(reviewArg);

  const { path, studio, api, importSeconds } = reuse ? existingWorkspace(reuse) : await freshFerWorkspace('loop');
  try {
    io.err(`Workspace ${path}`);
    let t = performance.now();
    const scan = reuseScan !== undefined ? await reusedScan(api, reuseScan) : await api.startScan({ ...SCAN_PRESETS[preset], ...(limit ? { limit } : {}) });
    if (scan.jobId) {
      const scanJob = await followJob(studio, scan.jobId, io, { intervalMs: 30_000 });
      if (scanJob.state !== 'done') throw new Error(`scan ${scanJob.state}: ${scanJob.error ?? ''}`);
    }
    const scanSeconds = 'seconds' in scan ? scan.seconds : (performance.now() - t) / 1000;
    const flagCount = (await api.reviewQueue({ scanId: scan.scanId, limit: 1 })).total;
    io.err(`Scan ${scan.scanId}: ${flagCount} flags in ${(scanSeconds / 60).toFixed(1)} min.`);

    const rows: LoopRow[] = [];
    const tally: ReviewTally = { relabels: 0, keeps: 0, excludes: 0 };
    let decided = 0;
    for (const k of ks) {
      const to = k === 'all' ? flagCount : Math.min(k, flagCount);
      t = performance.now();
      const step = await reviewRanks(api, scan.scanId, decided, to);
      decided = Math.max(decided, to);
      tally.relabels += step.relabels;
      tally.keeps += step.keeps;
      tally.excludes += step.excludes;
      const reviewSeconds = (performance.now() - t) / 1000;
      // fine-tune: every K > 0 fine-tunes the first row's run (trained from scratch on the labels before review).
      const base = retrain === 'fine-tune' ? rows[0]?.runId : undefined;
      const scored = k === 0 && baselineRun !== undefined ? await scoreRun(api, baselineRun, 0) : await retrainAndScore(studio, api, { model, epochs, limit, base });
      rows.push({ k, decided, ...tally, reviewSeconds, ...scored });
      printRow(rows.at(-1)!);
    }
    if (ceiling) {
      t = performance.now();
      const done = await relabelAllToMajority(studio, api);
      rows.push({ k: 'ceiling', decided, ...done, reviewSeconds: (performance.now() - t) / 1000, ...(await retrainAndScore(studio, api, { model, epochs, limit, base: retrain === 'fine-tune' ? rows[0]?.runId : undefined })) });
      printRow(rows.at(-1)!);
    }

    const header = { preset, model, epochs, retrain, limit: limit ?? null, importSeconds, scanSeconds, flags: flagCount };
    if (chart) {
      writeFileSync(chart, accuracyChart(rows));
      io.err(`Chart: ${chart}`);
    }
    if (json) io.out(JSON.stringify({ ...header, rows }));
    else printTable(header, rows);
  } finally {
    await studio.close();
  }
}

function parseReview(text: string): Array<number | 'all'> {
  const ks = text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (s === 'all' ? 'all' : Number(s)));
  if (ks.length === 0 || ks.some((k) => k !== 'all' && (!Number.isInteger(k) || k < 0))) throw new UsageError(`--review takes whole numbers or 'all', comma-separated (got '${text}').`);
  const order = (k: number | 'all') => (k === 'all' ? Infinity : k);
  return [...new Set(ks)].sort((a, b) => order(a) - order(b));
}

/** A workspace an earlier loop left, opened as the bench's own. */
function existingWorkspace(path: string): { path: string; studio: Studio; api: StudioClient; importSeconds: number } {
  if (!existsSync(path)) throw new UsageError(`No workspace at ${path}.`);
  const studio = new Studio(path);
  return { path, studio, api: localClient(studio), importSeconds: 0 };
}

/** A finished scan to go on from, with nothing decided since (the reviewer starts at its first flag). */
async function reusedScan(api: StudioClient, scanId: number): Promise<{ scanId: number; jobId: null; seconds: number }> {
  const scan = (await api.listScans({})).find((s) => s.id === scanId);
  if (!scan || scan.status !== 'done') throw new UsageError(`No finished scan ${scanId} in this workspace.`);
  const decided = (await api.reviewQueue({ scanId, status: 'decided', limit: 1 })).decided;
  if (decided > 0) throw new UsageError(`Scan ${scanId} has ${decided} decided flags: the loop needs the labels it scanned. Start from a fresh workspace.`);
  return { scanId, jobId: null, seconds: scan.durationSeconds ?? 0 };
}

async function retrainAndScore(studio: Studio, api: StudioClient, recipe: { model: string; epochs: number; limit: number | undefined; base: number | undefined }) {
  const t = performance.now();
  const scratch = { model: recipe.model as RunDetail['config']['model'], epochs: recipe.epochs, learningRate: TRAIN_DEFAULTS.learningRate, ...(recipe.limit ? { limit: recipe.limit } : {}) };
  const { jobId, runId } = await api.startTrain(recipe.base === undefined ? scratch : fineTuneInput(scratch, recipe.base));
  const job = await followJob(studio, jobId, io, { intervalMs: 60_000 });
  if (job.state !== 'done') throw new Error(`run ${runId} ${job.state}: ${job.error ?? ''}`);
  return scoreRun(api, runId, (performance.now() - t) / 1000);
}

/** A finished run's figures on both label sets (`trainSeconds`: as measured here; a reused run reports its own). */
async function scoreRun(api: StudioClient, runId: number, measuredSeconds: number) {
  const run = await api.getRun({ id: runId });
  if (run.status !== 'done') throw new UsageError(`Run ${runId} is ${run.status}, not finished.`);
  const trainSeconds = measuredSeconds || (run.durationSeconds ?? 0);
  const s = (m: { accuracy: number; macroF1: number } | null | undefined): Scores => ({ accuracy: m?.accuracy ?? null, macroF1: m?.macroF1 ?? null });
  const fer = run.ferPlus.available ? run.ferPlus : null;
  const leftOut = fer?.test?.leftOut;
  return {
    runId,
    trainSeconds,
    given: { public: s(run.validation), private: s(run.test) },
    ferPlus: { public: s(fer?.validation), private: s(fer?.test) },
    leftOutPrivate: leftOut ? leftOut.noVotes + leftOut.noMajority + leftOut.notAClass : 0,
  };
}

/** The ceiling: every Training label set to its FER+ majority (unknown / not a face excluded), as `decide` would. */
async function relabelAllToMajority(studio: Studio, api: StudioClient): Promise<ReviewTally> {
  const training = await api.listSamples({ split: 'Training' });
  const byLabel = new Map<number, number[]>();
  const exclude: number[] = [];
  let keeps = 0;
  training.ids.forEach((id, i) => {
    const d = decide(training.labels[i]!, studio.workspace.votes.of(id));
    if (d.action === 'relabel') byLabel.set(d.label, [...(byLabel.get(d.label) ?? []), id]);
    else if (d.action === 'exclude') exclude.push(id);
    else keeps++;
  });
  for (const [label, ids] of byLabel) await api.setLabel({ ids, label, reason: 'bulk' });
  if (exclude.length) await api.setExcluded({ ids: exclude, excluded: true });
  return { relabels: [...byLabel.values()].reduce((n, ids) => n + ids.length, 0), keeps, excludes: exclude.length };
}

const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const kName = (k: LoopRow['k']) => (k === 'ceiling' ? 'all (FER+)' : String(k));

function printRow(r: LoopRow): void {
  io.err(`K=${kName(r.k)}: ${r.relabels} relabels, ${r.keeps} keeps, ${r.excludes} excludes; run ${r.runId} in ${(r.trainSeconds / 60).toFixed(1)} min; PrivateTest ${pct(r.given.private.accuracy)} (labels), ${pct(r.ferPlus.private.accuracy)} (FER+)`);
}

function printTable(h: { preset: string; model: string; epochs: number; retrain: string; limit: number | null; importSeconds: number; scanSeconds: number; flags: number }, rows: LoopRow[]): void {
  io.out(`loop: ${h.preset} scan (${(h.scanSeconds / 60).toFixed(1)} min, ${h.flags} flags) after a ${h.importSeconds.toFixed(1)} s import; ${h.model} x ${h.epochs} epochs from scratch${h.retrain === 'fine-tune' ? ', then fine-tuned for K > 0' : ''}${h.limit ? `; ${h.limit} Training samples only` : ''}`);
  io.out('K            relabel  keep  excl  review  train | Public acc/F1 (labels)  Private acc/F1 (labels) | Public acc/F1 (FER+)  Private acc/F1 (FER+) | share of ceiling gain');
  const base = rows[0]?.ferPlus.private.accuracy ?? null;
  const top = rows.find((r) => r.k === 'ceiling')?.ferPlus.private.accuracy ?? null;
  for (const r of rows) {
    const acc = r.ferPlus.private.accuracy;
    const share = base !== null && top !== null && acc !== null && top !== base ? `${(((acc - base) / (top - base)) * 100).toFixed(0)}%` : '-';
    io.out(
      `${kName(r.k).padEnd(12)} ${String(r.relabels).padStart(7)} ${String(r.keeps).padStart(5)} ${String(r.excludes).padStart(5)} ${(r.reviewSeconds / 60).toFixed(1).padStart(6)}m ${(r.trainSeconds / 60).toFixed(1).padStart(5)}m | ` +
        `${pct(r.given.public.accuracy)} ${pct(r.given.public.macroF1)}          ${pct(r.given.private.accuracy)} ${pct(r.given.private.macroF1)}          | ` +
        `${pct(r.ferPlus.public.accuracy)} ${pct(r.ferPlus.public.macroF1)}        ${pct(r.ferPlus.private.accuracy)} ${pct(r.ferPlus.private.macroF1)}        | ${share}`,
    );
  }
  io.out(`(FER+ columns leave out the ${rows[0]?.leftOutPrivate ?? 0} PrivateTest samples without a 7-class majority; classes: ${NUM_CLASSES})`);
}

function accuracyChart(rows: LoopRow[]): string {
  const points = rows.filter((r) => r.k !== 'ceiling');
  const x = points.map((r) => r.decided);
  const ceilingAccuracy = rows.find((r) => r.k === 'ceiling')?.ferPlus.private.accuracy ?? null;
  return lineChartSvg({
    title: 'PrivateTest accuracy after reviewing the top K flags',
    xLabel: 'K (flags decided)',
    yLabel: 'accuracy (%)',
    x,
    series: [
      { label: 'on the FER+ majority', color: '#3e63dd', y: points.map((r) => (r.ferPlus.private.accuracy ?? 0) * 100) },
      { label: 'on the original labels', color: '#8b8d98', y: points.map((r) => (r.given.private.accuracy ?? 0) * 100) },
    ],
    ceiling: ceilingAccuracy === null ? null : { label: 'every Training label = FER+ majority', y: ceilingAccuracy * 100 },
  });
}
