/** Events the core pushes to the doors (HTTP event stream, IPC, CLI progress). */

export type JobKind = 'train' | 'scan' | 'ensemble' | 'import' | 'export' | 'duplicates'; // import, export and duplicates are the door's own (duplicates waits on its grouping worker)
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  phase: string;                 // e.g. 'loading data', 'training', 'fold 2/4', 'evaluating'
  fraction: number;              // 0..1 of the whole job
  epoch?: number;
  epochs?: number;
  batch?: number;
  batches?: number;
  fold?: number;
  folds?: number;
  loss?: number;
  accuracy?: number;
  imagesPerSecond?: number;
  etaSeconds?: number;
}

export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  learningRate: number;
  imagesPerSecond: number;
  seconds: number;
}

export interface JobInfo {
  id: string;
  kind: JobKind;
  state: JobState;
  runId?: number;
  scanId?: number;
  startedAt: string;
  finishedAt?: string;
  progress: JobProgress;
  error?: string;
}

export type StudioEvent =
  | { type: 'job'; job: JobInfo }                                            // state or progress changed
  | { type: 'batch'; jobId: string; runId?: number; step: number; loss: number } // per-batch loss for live curves
  | { type: 'epoch'; jobId: string; runId?: number; fold?: number; metrics: EpochMetrics }
  | { type: 'labels'; labelVersion: number };                                // labels changed (another door or undo)
