import { z } from 'zod';
import { method } from './contract.ts';
import { classId, sampleId, split } from './schemas.ts';
import type { EditResult } from './samples-api.ts';
import type { DuplicateCopy } from './duplicates-api.ts';
import type { IssueKind } from '../../../src-common/issue-kinds.ts';
import { MODEL_NAMES, ENGINE_NAMES, PRECISION_NAMES } from './train-api.ts';
import { RANKING_NAMES } from '../ml/noise/rankings.ts';
import { SCAN_DEFAULTS } from '../../../src-common/scan-presets.ts';
import { DEFAULT_SUGGESTION, SUGGESTION_NAMES } from '../ml/noise/suggestions.ts';

export const scanConfig = z.object({
  model: z.enum(MODEL_NAMES).default(SCAN_DEFAULTS.model),
  engine: z.enum(ENGINE_NAMES).default('auto'),
  precision: z.enum(PRECISION_NAMES).default('fp32'),   // as trainConfig's
  folds: z.number().int().min(2).max(10).default(SCAN_DEFAULTS.folds),
  epochs: z.number().int().min(1).max(200).default(SCAN_DEFAULTS.epochs),
  split: split.default(SCAN_DEFAULTS.split),
  limit: z.number().int().positive().optional(),       // scan only N samples (stratified), for small machines
  mode: z.enum(['cross-validation', 'quick']).default(SCAN_DEFAULTS.mode), // quick: one model, in-sample scores: less reliable
  seed: z.number().int().default(SCAN_DEFAULTS.seed),
  maxFlags: z.number().int().positive().default(SCAN_DEFAULTS.maxFlags),
  ranking: z.enum(RANKING_NAMES).default(SCAN_DEFAULTS.ranking),
  suggestion: z.enum(SUGGESTION_NAMES).default(DEFAULT_SUGGESTION), // chosen on data: see suggestions.ts
  // Fold worker processes at once; 0 = auto (one per core on the CPU engines, 1 on GPU/native ones).
  workers: z.number().int().min(0).max(16).default(0),
});
export type ScanConfig = z.output<typeof scanConfig>;

export interface ScanSummary {
  id: number;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  createdAt: string;
  durationSeconds: number | null;
  mode: string;
  model: string;
  engine: string;
  precision: 'fp32' | 'bf16' | null; // what its convolutions and matmuls ran in (null: pending, or before it was recorded)
  folds: number;
  epochs: number;
  split: string;
  limit: number | null;            // scanned only this many samples (stratified), null = the whole split
  scored: number;
  issues: number;                  // confident-learning label issues
  flags: number;
  labelVersion: number;
  roundsSaved: number;             // rounds (folds) a cancelled or failed scan has done: a resume starts after them
  timing: ScanTiming | null;       // a finished scan's (null before scans recorded it)
  error: string | null;
}

/**
 * Where a finished scan's time went, in seconds. `rounds` is the folds' wall clock; training, scoring and saving
 * are summed over the rounds, which run side by side in fold workers on a CPU (so they may add up to more than
 * `rounds`). Only this run's work: rounds kept from before a resume count nothing.
 */
export interface ScanTiming {
  load: number;                    // the split's images read from SQLite
  rounds: number;                  // every fold trained and scored, wall clock
  training: number;                // summed over the rounds
  scoring: number;                 // each round's held-out images predicted (with their mirrored copies), summed
  saving: number;                  // each round's model saved (the look-alikes embed with it), summed
  lookAlikes: number;              // embeddings and nearest neighbours
  ranking: number;                 // confident learning, scores, flags
  writing: number;                 // one transaction: every score, the flags, the summary
}

export type FlagStatus = 'open' | 'relabeled' | 'kept' | 'excluded';

export interface FlagItem {
  sampleId: number;
  rank: number;
  score: number;
  given: number;                   // label when scanned
  label: number;                   // label now
  suggested: number;
  probs: number[];                 // out-of-fold probabilities
  votes: number[] | null;
  status: FlagStatus;              // of the card: with copies, decided as soon as one of them is
  kinds: IssueKind[];              // why it is in the queue
  copies: DuplicateCopy[];         // the other images of its duplicate group, decided with it
  lookAlikes?: Array<{ sampleId: number; label: number }>; // its nearest look-alikes from the scan (first 5, labels now)
}

export interface ReviewQueue {
  scanId: number | null;
  total: number;
  decided: number;
  open: number;
  items: FlagItem[];
}

/** Flags of one (label when scanned, suggested label) pair: what a person can review as a group. */
export interface FlagPair {
  given: number;
  suggested: number;
  total: number;
  open: number;
}

/** What a scan found, class by class: the basis of the Review view's error matrix. */
export interface ScanOverview {
  scanId: number;
  scored: number;
  issues: number;                  // confident-learning label issues
  estimatedWrong: number;          // off-diagonal sum of estimatedErrors
  estimatedErrors: number[][];     // [given][true]: confident learning's estimate of how many labels of i are really j
  flagPairs: FlagPair[];           // the review queue's cards (one per duplicate group) by (given, suggested); pairs with no flags are absent
  /**
   * With FER+ votes: how many of the scored labels (as scanned) the annotators' majority contradicts, overall and by
   * given class, on the samples that have a 7-class majority; null without votes. The estimate above reads against it.
   */
  ferPlus: { samples: number; wrong: number; perClass: Array<{ samples: number; wrong: number }> } | null;
}

export interface NoiseEvaluation {
  scanId: number;
  truthSamples: number;            // samples with a usable FER+ majority
  clean: number;
  noisy: number;
  auroc: number;
  averagePrecision: number;
  precisionAt: Record<string, number>; // "500", "1000", ...
  suggestedAccuracyOnNoisy: number;    // suggested label == FER+ majority, on noisy samples
  issueSetPrecision: number;       // precision of the confident-learning issue set
  issueSetRecall: number;
  modelAccuracy: number;           // out-of-fold prediction == given label, over every scored sample
  modelAccuracyVsFerPlus: number;  // out-of-fold prediction == FER+ majority, over the truth samples
}

export const noiseApi = {
  startScan: method<{ jobId: string; scanId: number }>()('Scores every sample out-of-fold and flags likely label errors.', scanConfig.prefault({})),
  resumeScan: method<{ jobId: string; scanId: number }>()(
    'Continues a cancelled or failed scan with its own settings: the folds it finished are kept, the others trained.',
    z.object({ scanId: z.number().int().positive() }),
  ),
  listScans: method<ScanSummary[]>()('Label-noise scans, newest first.', z.object({}).default({})),
  reviewQueue: method<ReviewQueue>()(
    'Flagged samples of a scan (latest by default) in rank order; with groups, as the Review view shows them: one card per duplicate group.',
    z.object({
      scanId: z.number().int().positive().optional(),
      status: z.enum(['open', 'decided', 'all']).default('all'),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(5000).default(100),
      given: classId.optional(),     // only flags with this label when scanned...
      suggested: classId.optional(), // ...and this suggested label (one cell of the error matrix)
      // one card per duplicate group (its copies on it) and, without a pair, unflagged groups whose labels conflict
      groups: z.boolean().default(false),
    }),
  ),
  scanOverview: method<ScanOverview>()(
    "A scan's estimated label errors per (given, true) class pair and its review queue grouped by (given, suggested).",
    z.object({ scanId: z.number().int().positive().optional() }),
  ),
  review: method<EditResult & { skipped: number }>()(
    'Decides flags: relabel to a class, accept the suggestion, keep the label given when scanned (restoring it on a relabelled flag), or exclude. Many ids = one undo step. ' +
      'With onlyOpen, flags a person already decided are left as they are and counted in `skipped`. ' +
      'With copies, near-identical copies of each sample get the same decision (accept: its suggestion; keep: its label when scanned), in the same undo step.',
    z.object({
      ids: z.array(sampleId).min(1).max(100_000),
      action: z.enum(['relabel', 'accept', 'keep', 'exclude']),
      label: classId.optional(),
      scanId: z.number().int().positive().optional(),
      onlyOpen: z.boolean().default(false), // bulk actions and stale pages: never overwrite another decision
      copies: z.boolean().default(false),   // the same decision for every copy of each sample's duplicate group (the queue's group cards)
    }).refine((v) => v.action !== 'relabel' || v.label !== undefined, { message: "action 'relabel' needs a label" }),
  ),
  evalNoise: method<NoiseEvaluation>()('Scores a scan ranking against the FER+ majority (needs imported votes).', z.object({ scanId: z.number().int().positive().optional() })),
};
