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
import { existsSync } from 'node:fs';
import { Flags, parseArgs, UsageError } from '../src-main/cli/args.ts';
import { IMAGE_PIXELS, NUM_CLASSES } from '../src-common/classes.ts';
import { penultimateFeatures } from '../src-main/core/ml/embeddings.ts';
import { initEngine } from '../src-main/core/ml/engine.ts';
import { truthOf } from '../src-main/core/ml/noise/ferplus-truth.ts';
import { fuseByRank, nearestNeighbours, neighbourDisagreement, neighbourLabelShares, normalizeRows, type Neighbours } from '../src-main/core/ml/noise/neighbours.ts';
import { auroc, averagePrecision, precisionAt } from '../src-main/core/ml/noise/ranking-metrics.ts';
import { LoadedModel } from '../src-main/core/ml/trained-model.ts';
import { latestScanId } from '../src-main/core/store/latest.ts';
import { scanFoldModelDir, ScanStore } from '../src-main/core/store/scans.ts';
import { Workspace } from '../src-main/core/store/workspace.ts';

interface Row {
  sampleId: number;
  fold: number;
  given: number;
  score: number;
  suggested: number;
  probs: Float32Array;
}

export async function run(argv: string[]): Promise<void> {
  const flags = new Flags(parseArgs(argv));
  const path = flags.string('workspace');
  const scanArg = flags.int('scan');
  const ks = (flags.string('k') ?? '5,10,20').split(',').map(Number);
  const json = flags.bool('json');
  flags.rejectUnknown();
  if (!path) throw new UsageError('--workspace FILE is required (a workspace with a finished scan that kept its fold models).');
  if (ks.some((k) => !Number.isInteger(k) || k < 1)) throw new UsageError('--k takes whole numbers, comma-separated.');
  const workspace = Workspace.open(path);
  try {
    const scanId = scanArg ?? latestScanId(workspace.db);
    const scan = scanId === null ? null : new ScanStore(workspace.db).get(scanId);
    if (!scan || scan.status !== 'done') throw new UsageError(`No finished scan ${scanId ?? ''} in ${path}.`);
    if (scan.config.mode !== 'cross-validation') throw new UsageError('The scan must be cross-validated (its fold models score held-out samples).');
    const rows = (workspace.db.prepare('SELECT sample_id AS sampleId, fold, given, score, suggested, probs FROM scan_scores WHERE scan_id = ? ORDER BY sample_id').all(scanId) as Array<Omit<Row, 'probs'> & { probs: Buffer }>).map((r) => ({
      ...r,
      probs: new Float32Array(r.probs.buffer.slice(r.probs.byteOffset, r.probs.byteOffset + r.probs.byteLength)),
    }));
    const pixels = new Map<number, Uint8Array>();
    for (const s of workspace.samples.iterate({ split: scan.config.split, includeExcluded: true, withPixels: true })) if (s.pixels) pixels.set(s.id, s.pixels);
    await initEngine('auto');

    const kMax = Math.max(...ks);
    const disagreement = new Map<number, Float32Array>(ks.map((k) => [k, new Float32Array(rows.length)]));
    const shares = new Float32Array(rows.length * NUM_CLASSES); // at k = 10 (or the largest asked below it)
    const kShares = ks.includes(10) ? 10 : kMax;
    let embedSeconds = 0;
    let knnSeconds = 0;
    for (let fold = 0; fold < scan.config.folds; fold++) {
      const members = rows.map((r, i) => ({ r, i })).filter((x) => x.r.fold === fold);
      const dir = scanFoldModelDir(path, scanId!, fold);
      if (!existsSync(dir)) throw new UsageError(`Scan ${scanId} kept no model for fold ${fold} (${dir}): run a new scan.`);
      let t = performance.now();
      const model = await LoadedModel.load(dir);
      const set = { pixels: new Uint8Array(members.length * IMAGE_PIXELS), labels: Int32Array.from(members.map((m) => m.r.given)), count: members.length };
      members.forEach((m, j) => set.pixels.set(pixels.get(m.r.sampleId)!, j * IMAGE_PIXELS));
      const { features, dim } = await penultimateFeatures(model, set);
      model.dispose();
      normalizeRows(features, dim);
      embedSeconds += (performance.now() - t) / 1000;
      t = performance.now();
      const nb = await nearestNeighbours(features, dim, kMax);
      knnSeconds += (performance.now() - t) / 1000;
      for (const k of ks) {
        const sub = firstK(nb, k);
        const d = neighbourDisagreement(set.labels, neighbourLabelShares(set.labels, sub, NUM_CLASSES), NUM_CLASSES);
        members.forEach((m, j) => (disagreement.get(k)![m.i] = d[j]!));
        if (k === kShares) {
          const sh = neighbourLabelShares(set.labels, sub, NUM_CLASSES);
          members.forEach((m, j) => shares.set(sh.subarray(j * NUM_CLASSES, (j + 1) * NUM_CLASSES), m.i * NUM_CLASSES));
        }
      }
      console.error(`fold ${fold}: ${members.length} samples embedded (${dim} features) and their neighbours found`);
    }

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
    const rankings = [measure(`scan score (${scan.config.ranking})`, scanScore)];
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
    const out = { scanId, model: scan.config.model, folds: scan.config.folds, samples: rows.length, truthSamples: keep.length, noisy: noisyRows.length, embedSeconds, knnSeconds, rankings, suggestions };
    if (json) console.log(JSON.stringify(out));
    else {
      console.log(`scan ${scanId} (${scan.config.model}, ${scan.config.folds} folds): ${rows.length} samples, ${keep.length} with a FER+ majority, ${noisyRows.length} noisy; embeddings ${embedSeconds.toFixed(1)} s, neighbours ${knnSeconds.toFixed(1)} s`);
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
