/** A workspace's finished scan and its stored per-sample scores, for the benchmarks that study a scan after the fact. */
import { UsageError } from '../src-main/cli/args.ts';
import type { ScanConfig } from '../src-main/core/api/noise-api.ts';
import { latestScanId } from '../src-main/core/store/latest.ts';
import { ScanStore } from '../src-main/core/store/scans.ts';
import { Workspace } from '../src-main/core/store/workspace.ts';

export interface StoredScore {
  sampleId: number;
  fold: number;
  given: number;             // the label when scanned
  score: number;
  suggested: number;
  probs: Float32Array;       // out-of-fold, 7 classes
}

export interface FinishedScan {
  workspace: Workspace;
  scanId: number;
  config: ScanConfig;
  rows: StoredScore[];       // by sample id
}

/** Opens `path` and reads scan `scanArg` (the latest finished one by default); the caller closes the workspace. */
export function openFinishedScan(path: string | undefined, scanArg: number | undefined): FinishedScan {
  if (!path) throw new UsageError('--workspace FILE is required (a workspace with a finished scan).');
  const workspace = Workspace.open(path);
  try {
    const scanId = scanArg ?? latestScanId(workspace.db);
    const scan = scanId === null ? null : new ScanStore(workspace.db).get(scanId);
    if (scanId === null || !scan || scan.status !== 'done') throw new UsageError(`No finished scan ${scanId ?? ''} in ${path}.`);
    const raw = workspace.db
      .prepare('SELECT sample_id AS sampleId, fold, given, score, suggested, probs FROM scan_scores WHERE scan_id = ? ORDER BY sample_id')
      .all(scanId) as Array<Omit<StoredScore, 'probs'> & { probs: Buffer }>;
    const rows = raw.map((r) => ({ ...r, probs: new Float32Array(r.probs.buffer.slice(r.probs.byteOffset, r.probs.byteOffset + r.probs.byteLength)) }));
    return { workspace, scanId, config: scan.config, rows };
  } catch (e) {
    workspace.close();
    throw e;
  }
}
