/**
 * `npm run bench -- neighbours --workspace W [--scan ID] [--k 5,10,20] [--json]`
 *
 * Issue 17's neighbourhood lever, measured on a finished scan that kept its fold models: each sample is embedded
 * by the fold model that never trained on it (penultimate features), its k nearest neighbours are found among
 * the samples of the same fold (one model, one feature space; none of them trained it), and a sample whose
 * neighbours mostly carry another label scores as suspect. Printed against the FER+ majority (the scan's given
 * labels): AUROC, AP and precision@1000 of the scan's own score, of neighbour disagreement alone, and of both fused
 * by rank; and how often each suggestion (the scan's, the neighbours', both) equals the majority on noisy samples.
 */
import { Flags, parseArgs, UsageError } from '../src-main/cli/args.ts';
import { IMAGE_PIXELS, NUM_CLASSES } from '../src-common/classes.ts';
import { hasCheckpoint } from '../src-main/core/ml/checkpoint.ts';
import { initEngine } from '../src-main/core/ml/engine.ts';
import { truthOf } from '../src-main/core/ml/noise/ferplus-truth.ts';
import { fuseByRank, neighbourDisagreement, neighbourLabelShares, type Neighbours } from '../src-main/core/ml/noise/neighbours.ts';
import { foldPlans } from '../src-main/core/ml/noise/train-fold.ts';
import { scanNeighbours } from '../src-main/core/ml/noise/scan-neighbours.ts';
import { auroc, averagePrecision, precisionAt } from '../src-main/core/ml/noise/ranking-metrics.ts';
import { scanFoldModelDir } from '../src-main/core/store/scans.ts';
import { openFinishedScan } from './_finished-scan.ts';

export async function run(argv: string[]): Promise<void> {
  const flags = new Flags(parseArgs(argv));
  const path = flags.string('workspace');
  const scanArg = flags.int('scan');
  const ks = (flags.string('k') ?? '5,10,20').split(',').map(Number);
  const json = flags.bool('json');
  flags.rejectUnknown();
  if (ks.some((k) => !Number.isInteger(k) || k < 1)) throw new UsageError('--k takes whole numbers, comma-separated.');
  const { workspace, scanId, config, rows } = openFinishedScan(path, scanArg);
  try {
    if (config.mode !== 'cross-validation') throw new UsageError('The scan must be cross-validated (its fold models score held-out samples).');
    // the scanned images in the stored rows' order, grouped by the fold that scored them (the scan's own search)
    const pixels = new Map<number, Uint8Array>();
    for (const s of workspace.samples.iterate({ split: config.split, includeExcluded: true, withPixels: true })) if (s.pixels) pixels.set(s.id, s.pixels);
    const set = { pixels: new Uint8Array(rows.length * IMAGE_PIXELS), labels: Int32Array.from(rows.map((r) => r.given)), count: rows.length };
    rows.forEach((r, i) => set.pixels.set(pixels.get(r.sampleId)!, i * IMAGE_PIXELS));
    const groups = foldPlans(config, Int32Array.from(rows.map((r) => r.fold))).map((p) => p.scored);
    const modelDirs = groups.map((_, r) => scanFoldModelDir(path!, scanId, r));
    await initEngine('auto');

    const t = performance.now();
    const found = await scanNeighbours(set, groups, modelDirs, { hasModel: hasCheckpoint, k: Math.max(...ks) });
    if (!found) throw new UsageError(`Scan ${scanId} kept no fold models (or a fold is too large to search): run a new scan.`);
    const neighbourSeconds = (performance.now() - t) / 1000;
    const kShares = ks.includes(10) ? 10 : Math.max(...ks);
    const sharesAt = new Map(ks.map((k) => [k, neighbourLabelShares(set.labels, firstK(found, k), NUM_CLASSES)]));
    const disagreement = new Map(ks.map((k) => [k, neighbourDisagreement(set.labels, sharesAt.get(k)!, NUM_CLASSES)]));
    const shares = sharesAt.get(kShares)!;

    // FER+ truth on the labels the scan saw
    const truth = rows.map((r) => {
      const votes = workspace.votes.of(r.sampleId);
      return votes ? truthOf(votes, r.given) : ({ kind: 'other' } as const);
    });
    const keep = truth.map((t, i) => (t.kind === 'other' ? -1 : i)).filter((i) => i >= 0);
    const noisy = keep.map((i) => truth[i]!.kind === 'noisy');
    const measure = (name: string, scores: ArrayLike<number>) => {
      const s = keep.map((i) => scores[i]!);
      return { name, auroc: auroc(s, noisy), ap: averagePrecision(s, noisy), p1000: precisionAt(s, noisy, 1000) };
    };
    const scanScore = rows.map((r) => r.score);
    const rankings = [measure(`scan score (${config.ranking})`, scanScore)];
    for (const k of ks) rankings.push(measure(`neighbours disagree, k=${k}`, disagreement.get(k)!));
    for (const k of ks) for (const w of [0.25, 0.5]) rankings.push(measure(`fused by rank, k=${k}, neighbour weight ${w}`, fuseByRank(scanScore, disagreement.get(k)!, w)));

    // suggestions on noisy samples: the other class with the most of each evidence
    const noisyRows = keep.filter((i) => truth[i]!.kind === 'noisy');
    const argmaxOther = (i: number, value: (c: number) => number) => {
      let best = -1;
      for (let c = 0; c < NUM_CLASSES; c++) if (c !== rows[i]!.given && (best < 0 || value(c) > value(best))) best = c;
      return best;
    };
    const hit = (pick: (i: number) => number) => noisyRows.filter((i) => pick(i) === (truth[i] as { majority: number }).majority).length / noisyRows.length;
    const suggestions = [
      { name: "the scan's suggestion", accuracy: hit((i) => rows[i]!.suggested) },
      { name: 'out-of-fold probabilities (other class)', accuracy: hit((i) => argmaxOther(i, (c) => rows[i]!.probs[c]!)) },
      { name: `neighbours' labels, k=${kShares}`, accuracy: hit((i) => argmaxOther(i, (c) => shares[i * NUM_CLASSES + c]!)) },
      ...[0.5, 1, 2].map((a) => ({ name: `probabilities + ${a} x neighbours' shares`, accuracy: hit((i) => argmaxOther(i, (c) => rows[i]!.probs[c]! + a * shares[i * NUM_CLASSES + c]!)) })),
    ];
    const out = { scanId, model: config.model, folds: config.folds, samples: rows.length, truthSamples: keep.length, noisy: noisyRows.length, neighbourSeconds, rankings, suggestions };
    if (json) console.log(JSON.stringify(out));
    else {
      console.log(`scan ${scanId} (${config.model}, ${config.folds} folds): ${rows.length} samples, ${keep.length} with a FER+ majority, ${noisyRows.length} noisy; embeddings and neighbour search ${neighbourSeconds.toFixed(1)} s`);
      console.log('ranking                                              AUROC     AP  P@1000');
      for (const r of rankings) console.log(`${r.name.padEnd(52)} ${r.auroc.toFixed(3)}  ${r.ap.toFixed(3)}  ${r.p1000.toFixed(3)}`);
      console.log('suggestion on noisy samples                          = FER+ majority');
      for (const s of suggestions) console.log(`${s.name.padEnd(52)} ${(s.accuracy * 100).toFixed(1)}%`);
    }
  } finally {
    workspace.close();
  }
}

/** The first k of each sample's neighbours (they are sorted, most similar first). */
function firstK(nb: Neighbours, k: number): Neighbours {
  if (k >= nb.k) return nb;
  const count = nb.index.length / nb.k;
  const index = new Int32Array(count * k);
  const similarity = new Float32Array(count * k);
  for (let i = 0; i < count; i++) {
    index.set(nb.index.subarray(i * nb.k, i * nb.k + k), i * k);
    similarity.set(nb.similarity.subarray(i * nb.k, i * nb.k + k), i * k);
  }
  return { k, index, similarity };
}
