import type { Handlers } from '../api/contract.ts';
import { StudioError } from '../api/contract.ts';
import type { ensembleApi } from '../api/ensemble-api.ts';
import { trainConfig } from '../api/train-api.ts';
import { hasCheckpoint } from '../ml/checkpoint-files.ts';
import { latestScanId } from '../store/latest.ts';
import { RunStore } from '../store/runs.ts';
import { ScanStore, scanFoldModelDir } from '../store/scans.ts';
import type { StudioContext } from './context.ts';
import { startRecordedJob } from './start-recorded-job.ts';

/** A scan's fold models as a model: evaluated as a run of kind 'ensemble' (issue 15 item 4). */
export function ensembleHandlers(ctx: StudioContext): Handlers<typeof ensembleApi> {
  const runs = new RunStore(ctx.workspace.db);
  const scans = new ScanStore(ctx.workspace.db);
  return {
    evaluateEnsemble: ({ scanId: asked }) => {
      const scanId = asked ?? latestScanId(ctx.workspace.db);
      if (scanId === null) throw new StudioError('not-found', 'No finished scan yet: scan first (Train view, or `fer-studio scan`).');
      const scan = scans.get(scanId);
      if (!scan) throw new StudioError('not-found', `No scan with id ${scanId}.`);
      if (scan.status !== 'done') throw new StudioError('conflict', `Scan ${scanId} is ${scan.status}: only a finished scan has all its fold models.`);
      const rounds = scan.config.mode === 'quick' ? 1 : scan.config.folds;
      const modelDirs = Array.from({ length: rounds }, (_, r) => scanFoldModelDir(ctx.workspace.path, scanId, r));
      const missing = modelDirs.filter((d) => !hasCheckpoint(d)).length;
      if (missing > 0) throw new StudioError('conflict', `Scan ${scanId} kept ${rounds - missing} of its ${rounds} fold models (scans before fold models were kept, or their files were removed): run a new scan.`);
      // Evaluated on the standard splits, with the scan's model, engine and precision; epochs records the folds' budget.
      const config = trainConfig.parse({ model: scan.config.model, engine: scan.config.engine, precision: scan.config.precision, epochs: scan.config.epochs, seed: scan.config.seed });
      const runId = runs.create(config, ctx.workspace.labels.labelVersion(), { pending: true }, 'ensemble');
      return { jobId: startRecordedJob(ctx.jobs, { kind: 'ensemble', payload: { runId, scanId, config, modelDirs } }, (reason) => runs.end(runId, 'failed', reason, 0)), runId };
    },
  };
}
