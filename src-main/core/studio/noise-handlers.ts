import type { Handlers } from '../api/contract.ts';
import { StudioError } from '../api/contract.ts';
import { noiseApi, type ScanConfig } from '../api/noise-api.ts';
import type { SampleChange } from '../store/label-history.ts';
import { latestScanId } from '../store/latest.ts';
import { ScanStore, type FlagState } from '../store/scans.ts';
import { DuplicateStore } from '../store/duplicates.ts';
import { evaluateAgainstFerPlus, ferPlusWrong } from '../ml/noise/evaluate-noise.ts';
import type { StudioContext } from './context.ts';
import { assertResumable } from './resumable.ts';
import { startRecordedJob } from './start-recorded-job.ts';
import { editResult } from './edit-result.ts';
import { actorOf } from './label-steps.ts';
import { withLookAlikes } from './look-alikes.ts';
import { NeighbourStore } from '../store/scan-neighbours.ts';
import { ReviewCards } from './review-queue.ts';
import { checkClassIds } from './class-ids.ts';
import { withCopies } from './review-copies.ts';

export function noiseHandlers(ctx: StudioContext): Handlers<typeof noiseApi> {
  const { db, labels } = ctx.workspace;
  const neighbourStore = new NeighbourStore(db);
  const scans = new ScanStore(db);
  const duplicates = new DuplicateStore(db);
  const reviewCards = new ReviewCards(scans, duplicates, ctx.workspace.samples);

  const scanOrLatest = (scanId: number | undefined): number => {
    const id = scanId ?? latestScanId(db);
    if (id === null) throw new StudioError('not-found', 'No finished label-noise scan yet. Run a scan first (Train view, or `fer-studio scan`).');
    if (!scans.get(id)) throw new StudioError('not-found', `No scan with id ${id}.`);
    return id;
  };
  const startJob = (scanId: number, config: ScanConfig) => ({
    jobId: startRecordedJob(ctx.jobs, { kind: 'scan', payload: { config, scanId } }, (reason) => scans.end(scanId, 'failed', reason, 0)),
    scanId,
  });

  return {
    startScan: (config) => {
      if (ctx.workspace.samples.count() === 0) throw new StudioError('conflict', 'The workspace has no samples: import a dataset first.');
      return startJob(scans.create(config, { pending: true }, labels.labelVersion()), config);
    },
    resumeScan: ({ scanId }) => {
      const scan = scans.get(scanId);
      if (!scan) throw new StudioError('not-found', `No scan with id ${scanId}.`);
      assertResumable('scan', scanId, scan, labels.labelVersion());
      scans.reopen(scanId);
      return startJob(scanId, scan.config);
    },
    listScans: () => scans.list(),
    reviewQueue: async ({ scanId, status, offset, limit, given, suggested, groups }) => {
      checkClassIds(ctx.workspace.dataset, { given, suggested }, ['given', 'suggested']);
      if (groups) await ctx.grouping.ready();
      const id = scanId ?? latestScanId(db);
      if (id === null) return { scanId: null, total: 0, decided: 0, open: 0, items: [] };
      const scan = scanOrLatest(id);
      const q = groups ? reviewCards.queue(scan, { status, offset, limit, given, suggested }) : scans.reviewQueue(scan, status, offset, limit, { given, suggested });
      return { ...q, items: withLookAlikes(q.items, neighbourStore, ctx.workspace.samples, scan) };
    },
    scanOverview: async ({ scanId }) => {
      const id = scanOrLatest(scanId);
      await ctx.grouping.ready(); // its flag pairs count group cards
      const stats = scans.get(id)!.stats;
      if (!stats) throw new StudioError('conflict', `Scan ${id} has no results (it did not finish).`);
      const estimatedWrong = stats.estimatedErrors.reduce((sum, row, given) => sum + row.reduce((a, n, really) => a + (really === given ? 0 : n), 0), 0);
      return { scanId: id, scored: stats.scored, issues: stats.issues, estimatedWrong, estimatedErrors: stats.estimatedErrors, flagPairs: reviewCards.pairs(id), ferPlus: ferPlusWrong(scans.givenAndVotes(id)) };
    },
    review: async ({ ids, action, label, scanId, onlyOpen, copies }, caller) => {
      checkClassIds(ctx.workspace.dataset, { label }, ['label']);
      if (copies) await ctx.grouping.ready();
      const scan = action === 'accept' || onlyOpen ? scanOrLatest(scanId) : (scanId ?? latestScanId(db));
      const states = scan === null ? new Map<number, FlagState>() : scans.flagStates(scan, ids);
      if (action === 'accept') {
        const missing = ids.filter((id) => !states.has(id));
        if (missing.length) throw new StudioError('not-found', `No suggestion for sample(s) ${missing.slice(0, 5).join(', ')} in this scan.`);
      }
      const targets = onlyOpen ? ids.filter((id) => states.get(id)?.status === 'open') : ids;
      const skipped = ids.length - targets.length;
      let changes: SampleChange[];
      let reason: 'manual' | 'bulk' | 'accepted-suggestion' | 'review';
      if (action === 'relabel') {
        changes = targets.map((sampleId) => ({ sampleId, field: 'label', value: label! }));
        reason = targets.length > 1 ? 'bulk' : 'manual';
      } else if (action === 'accept') {
        changes = targets.map((sampleId) => ({ sampleId, field: 'label', value: states.get(sampleId)!.suggested }));
        reason = 'accepted-suggestion';
      } else if (action === 'keep') {
        // Keep says the label given when scanned is right: on a flag relabelled before, that label comes back
        // (it said "kept" while the card still said relabelled).
        changes = targets.flatMap((sampleId): SampleChange[] => {
          const state = states.get(sampleId);
          // with copies, always: a copy may carry another label (a duplicate conflict), and keep settles it too
          const restore: SampleChange[] = state && (state.label !== state.given || copies) ? [{ sampleId, field: 'label', value: state.given }] : [];
          return [...restore, { sampleId, field: 'kept', value: 1 }];
        });
        reason = 'review';
      } else {
        changes = targets.map((sampleId) => ({ sampleId, field: 'excluded', value: 1 }));
        reason = 'review';
      }
      if (copies) changes = withCopies(changes, duplicates);
      return { ...editResult(ctx, labels.apply(changes, reason, { actor: actorOf(caller) }), caller), skipped };
    },
    evalNoise: ({ scanId }) => {
      const id = scanOrLatest(scanId);
      const rows = scans.scoredRows(id);
      if (!rows.some((r) => r.votes)) throw new StudioError('conflict', 'No FER+ votes in this workspace: import fer2013new.csv (`fer-studio import ... --votes fer2013new.csv`) to evaluate a scan.');
      return evaluateAgainstFerPlus(id, rows);
    },
  };
}
