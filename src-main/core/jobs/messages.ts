import type { JobProgress, StudioEvent } from '../api/events.ts';
import type { ScanConfig } from '../api/noise-api.ts';
import type { TrainConfig } from '../api/train-api.ts';

/** What a worker job gets, by kind: the run or scan row it fills and the settings it runs with. */
export interface JobPayloads {
  train: { runId: number; config: TrainConfig };
  scan: { scanId: number; config: ScanConfig };
  /** A scan's fold models evaluated as one run: the run row, its config (evaluation splits, engine), the models. */
  ensemble: { runId: number; scanId: number; config: TrainConfig; modelDirs: string[] };
}
export type WorkerJobKind = keyof JobPayloads;
/** One job for a worker: its kind and that kind's payload (a union, so each kind's payload is checked). */
export type WorkerJob = { [K in WorkerJobKind]: { kind: K; payload: JobPayloads[K] } }[WorkerJobKind];

/** Parent -> worker. */
export type ToWorker = ({ type: 'start'; jobId: string } & WorkerJob) | { type: 'cancel' };

/** Worker -> parent. */
export type FromWorker =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'event'; event: StudioEvent }
  | { type: 'done' }
  | { type: 'cancelled' }
  | { type: 'failed'; error: string };
