/**
 * `npm run bench -- accuracy --preset quick|balanced|best [--model M] [--epochs N] [--limit N] [--engine E]
 *   [--precision fp32|auto] [--seed N] [--chart FILE.png|.svg] [--json]`
 *
 * A training preset on the real FER2013, from scratch, as the studio runs it: a fresh workspace imports FER2013 +
 * FER+ votes, trains on Training with PublicTest as the validation split (early stopping and the kept checkpoint
 * are chosen on it), and touches PrivateTest once, for the final figure. Prints accuracy and macro-F1 on both
 * test splits against the original labels and the FER+ majority, and minutes. The chart is PublicTest accuracy
 * against training time, from the run's recorded epochs (PrivateTest is never looked at per epoch).
 *
 * --limit N trains on a stratified N of Training (a quick check of the bench itself, not a figure).
 */
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { Flags, parseArgs, UsageError } from '../src-main/cli/args.ts';
import { followJob, formatSeconds } from '../src-main/cli/follow-job.ts';
import type { RunDetail, StartTrainInput } from '../src-main/core/api.ts';
import { TRAIN_PRESET_NAMES, TRAIN_PRESETS, type TrainPresetName } from '../src-common/train-defaults.ts';
import { freshFerWorkspace } from './_fer-workspace.ts';
import { lineChartSvg } from './_svg-chart.ts';

const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) };

export async function run(argv: string[]): Promise<void> {
  const flags = new Flags(parseArgs(argv));
  const preset = flags.string('preset') ?? 'balanced';
  const overrides = {
    model: flags.string('model'),
    epochs: flags.int('epochs'),
    limit: flags.int('limit'),
    engine: flags.string('engine'),
    precision: flags.string('precision'),
    seed: flags.int('seed'),
  };
  const chart = flags.string('chart');
  const json = flags.bool('json');
  flags.rejectUnknown();
  if (!(TRAIN_PRESET_NAMES as readonly string[]).includes(preset)) throw new UsageError(`--preset must be one of ${TRAIN_PRESET_NAMES.join(', ')} (got '${preset}').`);
  if (chart && !/\.(png|svg)$/i.test(chart)) throw new UsageError(`--chart writes a .png or .svg file (got '${chart}').`);
  const input = { ...TRAIN_PRESETS[preset as TrainPresetName].settings, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) } as StartTrainInput;

  const { path, studio, api, importSeconds } = await freshFerWorkspace('accuracy');
  try {
    io.err(`Workspace ${path} (import ${importSeconds.toFixed(1)} s)`);
    const [plan] = (await api.planRetrain(input)).options;
    io.err(`Preset ${preset}: ${plan!.title.replace('From scratch: ', '')}; estimated ${formatSeconds(plan!.estimateSeconds)} (from ${plan!.basis}).`);
    const t = performance.now();
    const { jobId, runId } = await api.startTrain(input);
    const job = await followJob(studio, jobId, io, { intervalMs: 60_000 });
    if (job.state !== 'done') throw new Error(`run ${runId} ${job.state}: ${job.error ?? ''}`);
    const minutes = (performance.now() - t) / 60_000;
    const runDetail = await api.getRun({ id: runId });
    const result = summarize(preset, runDetail, minutes);
    if (chart) {
      const svg = curveSvg(preset, runDetail);
      if (chart.toLowerCase().endsWith('.png')) await sharp(Buffer.from(svg)).png().toFile(chart);
      else writeFileSync(chart, svg);
      io.err(`Chart: ${chart}`);
    }
    if (json) io.out(JSON.stringify(result));
    else printResult(result);
  } finally {
    await studio.close();
  }
}

interface SplitScores {
  accuracy: number | null;
  macroF1: number | null;
}

interface AccuracyResult {
  preset: string;
  runId: number;
  model: string;
  engine: string;
  precision: string;
  epochs: number;           // epochs trained (early stopping may end sooner)
  bestEpoch: number | null; // the epoch whose weights were kept (best PublicTest accuracy)
  limit: number | null;
  minutes: number;          // start to end, evaluation included
  labels: { public: SplitScores; private: SplitScores };
  ferPlus: { public: SplitScores; private: SplitScores };
}

function summarize(preset: string, r: RunDetail, minutes: number): AccuracyResult {
  const s = (m: { accuracy: number; macroF1: number } | null | undefined): SplitScores => ({ accuracy: m?.accuracy ?? null, macroF1: m?.macroF1 ?? null });
  const fer = r.ferPlus.available ? r.ferPlus : null;
  const best = r.history.reduce<{ epoch: number; acc: number } | null>((b, h) => (h.valAccuracy !== undefined && (!b || h.valAccuracy > b.acc) ? { epoch: h.epoch, acc: h.valAccuracy } : b), null);
  return {
    preset,
    runId: r.id,
    model: r.model,
    engine: r.engine,
    precision: r.engineReport.precision ?? 'fp32',
    epochs: r.epochs,
    bestEpoch: best?.epoch ?? null,
    limit: r.config.limit ?? null,
    minutes,
    labels: { public: s(r.validation), private: s(r.test) },
    ferPlus: { public: s(fer?.validation), private: s(fer?.test) },
  };
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(2)}%`);

function printResult(r: AccuracyResult): void {
  io.out(`accuracy: preset ${r.preset}, run ${r.runId}: ${r.model} on ${r.engine} (${r.precision}), ${r.epochs} epochs (kept epoch ${r.bestEpoch ?? '-'}, best on PublicTest)${r.limit ? `, ${r.limit} Training samples only` : ''}, ${r.minutes.toFixed(1)} min`);
  io.out('                 PublicTest acc / macro-F1   PrivateTest acc / macro-F1');
  io.out(`original labels  ${pct(r.labels.public.accuracy).padStart(7)} / ${pct(r.labels.public.macroF1).padEnd(14)}  ${pct(r.labels.private.accuracy).padStart(7)} / ${pct(r.labels.private.macroF1)}`);
  io.out(`FER+ majority    ${pct(r.ferPlus.public.accuracy).padStart(7)} / ${pct(r.ferPlus.public.macroF1).padEnd(14)}  ${pct(r.ferPlus.private.accuracy).padStart(7)} / ${pct(r.ferPlus.private.macroF1)}`);
}

/** PublicTest accuracy (and training accuracy) against cumulative training minutes, one point per epoch. */
function curveSvg(preset: string, r: RunDetail): string {
  let elapsed = 0;
  const minutes = r.history.map((h) => Number(((elapsed += h.seconds) / 60).toFixed(1)));
  return lineChartSvg({
    title: `Preset ${preset}: ${r.model}, accuracy against training time (run ${r.id})`,
    xLabel: 'training time (minutes)',
    yLabel: 'accuracy (%)',
    x: minutes,
    series: [
      { label: 'PublicTest (validation)', color: '#3e63dd', y: r.history.map((h) => (h.valAccuracy ?? 0) * 100) },
      { label: 'Training (augmented)', color: '#8b8d98', y: r.history.map((h) => h.trainAccuracy * 100) },
    ],
    ceiling: r.test ? { label: 'PrivateTest, final model', y: r.test.accuracy * 100 } : null,
  });
}
