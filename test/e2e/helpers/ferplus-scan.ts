import { NUM_CLASSES, type Split } from '../../../src-common/classes.ts';
import { scanConfig } from '../../../src-main/core/api/noise-api.ts';
import { analyzeScan } from '../../../src-main/core/ml/noise/analyze-scan.ts';
import { ScanStore } from '../../../src-main/core/store/scans.ts';
import type { Workspace } from '../../../src-main/core/store/workspace.ts';

/**
 * A label-noise scan whose "model" is the FER+ annotators: each sample's probabilities are its FER+ vote
 * shares over the 7 FER2013 classes, run through the real scan analysis (confident learning, ranking, queue).
 * It gives the Review view a real, meaningful queue (FER2013 labels the annotators disagree with) in
 * milliseconds, where a trained scan would take minutes on this 2-core machine. Only for UI tests and the UI bench.
 */
export function seedFerPlusScan(ws: Workspace, options: { split?: Split; maxFlags?: number } = {}): number {
  const split = options.split ?? 'Training';
  const rows = ws.db
    .prepare(
      `SELECT s.id, s.label, v.angry, v.disgust, v.fear, v.happy, v.sad, v.surprise, v.neutral
       FROM samples s JOIN votes v ON v.sample_id = s.id WHERE s.split = ? AND s.excluded = 0 ORDER BY s.id`,
    )
    .raw()
    .all(split) as number[][];
  const usable = rows.filter((r) => r.slice(2).some((v) => v > 0));
  if (usable.length === 0) throw new Error(`No ${split} samples with FER+ votes: import fer2013new.csv with the csv.`);
  return seedScanOfVotes(ws, { split, maxFlags: options.maxFlags ?? 2000, sampleIds: usable.map((r) => r[0]!), labels: usable.map((r) => r[1]!), votes: usable.map((r) => r.slice(2)) });
}

/**
 * A finished scan of `split` whose probabilities are the vote shares of `votes` (7 FER2013 classes per sample,
 * not all zero), run through the real scan analysis. The scale bench gives it each copy's original votes.
 */
export function seedScanOfVotes(ws: Workspace, input: { split: Split; maxFlags: number; sampleIds: number[]; labels: number[]; votes: number[][] }): number {
  const probs = new Float32Array(input.sampleIds.length * NUM_CLASSES);
  input.votes.forEach((votes, i) => {
    const total = votes.reduce((a, b) => a + b, 0);
    // a little smoothing so no class has probability 0 (the ranking takes logs)
    votes.forEach((v, c) => (probs[i * NUM_CLASSES + c] = (v + 0.05) / (total + 0.05 * NUM_CLASSES)));
  });
  const config = scanConfig.parse({ mode: 'quick', split: input.split, maxFlags: input.maxFlags });
  const scans = new ScanStore(ws.db);
  const scanId = scans.create(config, { selected: 'cpu', backend: 'ferplus-votes', threads: 1, candidates: [] }, ws.labels.labelVersion());
  const analysis = analyzeScan({
    sampleIds: input.sampleIds,
    labels: input.labels,
    folds: new Int32Array(input.sampleIds.length).fill(-1),
    probs,
    classes: NUM_CLASSES,
    decided: scans.decidedSampleIds(),
    maxFlags: config.maxFlags,
    ranking: config.ranking,
  });
  scans.finish(scanId, analysis.scores, analysis.flagged, analysis.summary, 0);
  return scanId;
}
