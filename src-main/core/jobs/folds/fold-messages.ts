import type { EpochMetrics } from '../../api/events.ts';
import type { ScanConfig } from '../../api/noise-api.ts';
import type { RoundSeconds } from '../../ml/noise/train-fold.ts';
import type { Embedding } from '../../ml/trained-model.ts';

/** Scan task -> fold worker. The data travels once per worker (labels may change in SQLite while a scan runs). */
export type ToFoldWorker =
  | { type: 'init'; config: ScanConfig; pixels: Uint8Array; labels: Int32Array; side: number; classes: number; channels: number; mirrorable: boolean; folds: Int32Array; modelDirs: string[]; embed: boolean }
  | { type: 'round'; round: number }
  | { type: 'cancel' };

/** Fold worker -> scan task. */
export type FromFoldWorker =
  | { type: 'batch'; round: number; epoch: number; batch: number; batches: number; loss: number; imagesPerSecond: number }
  | { type: 'epoch'; round: number; metrics: EpochMetrics }
  | { type: 'result'; round: number; probs: Float32Array; embedding: Embedding | null; seconds: RoundSeconds }
  | { type: 'failed'; error: string };
