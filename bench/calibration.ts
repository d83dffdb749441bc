/**
 * `npm run bench -- calibration --workspace W [--scan ID] [--json]`
 *
 * Issue 17's calibration question, on a finished scan's stored out-of-fold probabilities: does temperature scaling
 * bring confident learning's estimate of the label-error rate (shown in the error matrix) closer to FER+'s? For each
 * temperature (1 = as stored; per-fold T fitted by NLL on the fold's held-out samples and their given labels; a
 * grid), it prints the estimated error rate overall and per given class beside the FER+ rate on the same samples.
 */
import { Flags, parseArgs, UsageError } from '../src-main/cli/args.ts';
import { CLASS_NAMES, NUM_CLASSES } from '../src-common/classes.ts';
import { findLabelIssues } from '../src-main/core/ml/noise/confident-learning.ts';
import { ferPlusWrong } from '../src-main/core/ml/noise/evaluate-noise.ts';
import { fitTemperature, temper } from '../src-main/core/ml/noise/temperature.ts';
import { openFinishedScan } from './_finished-scan.ts';

export async function run(argv: string[]): Promise<void> {
  const flags = new Flags(parseArgs(argv));
  const path = flags.string('workspace');
  const scanArg = flags.int('scan');
  const json = flags.bool('json');
  flags.rejectUnknown();
  const { workspace, scanId, rows } = openFinishedScan(path, scanArg);
  try {
    const n = rows.length;
    const probs = new Float64Array(n * NUM_CLASSES);
    rows.forEach((r, i) => probs.set(r.probs, i * NUM_CLASSES));
    const labels = Int32Array.from(rows.map((r) => r.given));

    // FER+ rate per given class, on the samples with a 7-class majority (as the error matrix shows it)
    const fer = ferPlusWrong(rows.map((r) => ({ given: r.given, votes: workspace.votes.of(r.sampleId) })));
    if (!fer) throw new UsageError('This workspace has no FER+ votes: nothing to compare the estimate with.');
    const ferRate = fer.wrong / fer.samples;

    const estimate = (p: Float64Array) => {
      const { joint } = findLabelIssues({ probs: p, labels, classes: NUM_CLASSES });
      const perClass = joint.map((row, i) => {
        const s = row.reduce((a, b) => a + b, 0);
        return s > 0 ? 1 - row[i]! / s : 0;
      });
      return { overall: 1 - joint.reduce((a, row, i) => a + row[i]!, 0), perClass };
    };
    const folds = [...new Set(rows.map((r) => r.fold))].sort((a, b) => a - b);
    const fitted = folds.map((f) => {
      const idx = rows.map((r, i) => (r.fold === f ? i : -1)).filter((i) => i >= 0);
      return fitTemperature(idx.map((i) => probs.subarray(i * NUM_CLASSES, (i + 1) * NUM_CLASSES)), idx.map((i) => labels[i]!));
    });
    const perFold = new Float64Array(probs);
    rows.forEach((r, i) => temper(perFold.subarray(i * NUM_CLASSES, (i + 1) * NUM_CLASSES), fitted[folds.indexOf(r.fold)]!));
    const variants: Array<{ name: string; p: Float64Array }> = [{ name: 'T = 1 (as stored)', p: probs }, { name: `T fitted per fold (${fitted.map((t) => t.toFixed(2)).join(', ')})`, p: perFold }];
    for (const t of [0.5, 0.75, 1.5, 2]) {
      const p = new Float64Array(probs);
      for (let i = 0; i < n; i++) temper(p.subarray(i * NUM_CLASSES, (i + 1) * NUM_CLASSES), t);
      variants.push({ name: `T = ${t}`, p });
    }
    const results = variants.map((v) => ({ name: v.name, ...estimate(v.p) }));
    const out = { scanId, samples: n, ferPlusRate: ferRate, ferPlusPerClass: fer.perClass.map((c) => c.wrong / Math.max(1, c.samples)), temperatures: fitted, results };
    if (json) console.log(JSON.stringify(out));
    else {
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
      console.log(`scan ${scanId}: ${n} samples; estimated share of wrong labels, overall and per given class`);
      console.log(`${''.padEnd(40)} overall ${CLASS_NAMES.map((c) => c.slice(0, 6).padStart(7)).join('')}`);
      console.log(`${'FER+ majority (the truth here)'.padEnd(40)} ${pct(ferRate)}  ${out.ferPlusPerClass.map((x) => ` ${pct(x)}`).join('')}`);
      for (const r of results) console.log(`${r.name.padEnd(40)} ${pct(r.overall)}  ${r.perClass.map((x) => ` ${pct(x)}`).join('')}`);
    }
  } finally {
    workspace.close();
  }
}
