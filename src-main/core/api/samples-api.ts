import { z } from 'zod';
import { method } from './contract.ts';
import { classId, sampleId, split } from './schemas.ts';
import type { HistoryEvent } from '../store/label-history.ts';
import type { SampleRow } from '../store/samples.ts';
import type { DuplicateGroup } from './duplicates-api.ts';
import type { IssueKind } from '../../../src-common/issue-kinds.ts';

export const sampleFilter = z.object({
  split: split.optional(),
  label: classId.optional(),
  originalLabel: classId.optional(),
  predicted: classId.optional(),         // predicted class of the latest finished run (its validation and test splits only)
  suggested: classId.optional(),         // label the latest scan suggests for a flagged sample
  changed: z.boolean().optional(),
  excluded: z.boolean().optional(),      // default: excluded rows are shown too
  flagged: z.boolean().optional(),       // flagged by the latest scan
  review: z.enum(['open', 'decided']).optional(), // flags of the latest scan still open, or decided (kept, relabelled, excluded)
  scoreMin: z.number().finite().optional(), // noise score of the latest scan (every scored sample), inclusive bounds
  scoreMax: z.number().finite().optional(),
  ferplusDisagrees: z.boolean().optional(), // the FER+ majority is one of the 7 classes and differs from the label (false: equals it)
  sort: z.enum(['id', 'score']).default('id'), // score: noise score of the latest scan, highest first
  // Only the first N matches in grid order (total still counts them all): what a grid shows first on a million
  // rows, before the whole list arrives (bench scale: every id of 1M took 2.9 s, the first page a few ms).
  first: z.number().int().positive().max(100_000).optional(),
}).refine((f) => f.scoreMin === undefined || f.scoreMax === undefined || f.scoreMin <= f.scoreMax, { message: 'scoreMin must not be above scoreMax', path: ['scoreMin'] });
export type SampleFilter = z.output<typeof sampleFilter>;

/** Bits of SampleList.flags. */
export const SAMPLE_BITS = { excluded: 1, kept: 2, changed: 4, flagged: 8 } as const;

/** Columnar so that 35,887 rows travel in one small response and the grid indexes them directly. */
export interface SampleList {
  total: number;                        // every match; ids holds fewer when the filter asked for the `first` N
  ids: number[];
  labels: number[];
  flags: number[];
  basis: FilterBasis;
}

/** What the run- and scan-based filters read, so a view can say it (and why a filter matches nothing). */
export interface FilterBasis {
  runId: number | null;                 // latest finished training run: `predicted`
  runSplits: string[];                  // the splits it has predictions for
  scanId: number | null;                // latest finished scan: `flagged`, `suggested`, `review`, scores, sort by score
  scoreRange: { min: number; max: number } | null; // its scores' range (the score filter's bounds)
  votes: boolean;                       // FER+ votes are imported (`ferplusDisagrees` reads them)
}

export interface SampleDetail extends SampleRow {
  votes: number[] | null;               // FER+ counts: 7 FER2013 classes, then contempt, unknown, not-a-face
  history: HistoryEvent[];
  prediction: { runId: number; predicted: number; probs: number[] } | null;
  flag: { scanId: number; rank: number; score: number; suggested: number; probs: number[]; issue: boolean } | null;
  duplicates: DuplicateGroup | null;    // its near-identical copies (itself included)
  kinds: IssueKind[];                   // why it is (or would be) in the review queue
  /** Its nearest look-alikes from the latest scan that found them (most similar first, current labels); null: none. */
  neighbours: { scanId: number; items: Array<{ sampleId: number; label: number; similarity: number }> } | null;
}

/** The step Undo (or Redo) would act on, worded for the one who asks: they confirm before undoing another's step. */
export interface LabelStep {
  batchId: number;                      // pass it back as undo/redo's `expect`
  what: string;                         // e.g. '3 samples relabelled to happy', '1 sample excluded'
  by: string;                           // 'you', 'another browser tab', 'a desktop window', 'the command line', ...
  mine: boolean;                        // made by this tab, window or program
  at: string;                           // ISO time it was made
}

/** Undo/redo availability and what each would act on, for the one who asks. */
export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  undoStep: LabelStep | null;
  redoStep: LabelStep | null;
}

export interface EditResult extends UndoState {
  changed: number;
  labelVersion: number;
}

const ids = z.array(sampleId).min(1, 'select at least one sample').max(100_000);

export const samplesApi = {
  listSamples: method<SampleList>()('Sample ids matching a filter, in grid order.', sampleFilter.default({ sort: 'id' })),
  getSample: method<SampleDetail>()('One sample with votes, history, prediction and flag.', z.object({ id: sampleId })),
  setLabel: method<EditResult>()(
    'Relabels one or many samples as one undo step.',
    z.object({ ids, label: classId, reason: z.enum(['manual', 'bulk', 'accepted-suggestion']).default('manual') }),
  ),
  setExcluded: method<EditResult>()('Marks samples as not-a-face/unusable (or back), one undo step.', z.object({ ids, excluded: z.boolean() })),
  setKept: method<EditResult>()('Records that a reviewer kept the current label, one undo step.', z.object({ ids, kept: z.boolean() })),
  undo: method<EditResult>()(
    'Undoes the last label action (whoever made it). `expect`: the undoStep batch the caller was shown; if another step is next by now, nothing changes (conflict).',
    z.object({ expect: z.number().int().positive().optional() }).default({}),
  ),
  redo: method<EditResult>()('Redoes the last undone label action; `expect` as for undo.', z.object({ expect: z.number().int().positive().optional() }).default({})),
  undoState: method<UndoState>()('What Undo and Redo would act on now, and who made those steps (worded for the caller).', z.object({}).default({})),
  history: method<HistoryEvent[]>()('Label events, newest first.', z.object({ id: sampleId.optional(), limit: z.number().int().positive().max(100_000).default(1000) })),
};
