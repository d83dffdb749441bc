import type { JobKind, JobProgress, StudioEvent } from '../api/events.ts';

/** Parent -> worker. */
export type ToWorker = { type: 'start'; jobId: string; kind: JobKind; payload: unknown } | { type: 'cancel' };

/** Worker -> parent. */
export type FromWorker =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'event'; event: StudioEvent }
  | { type: 'done' }
  | { type: 'cancelled' }
  | { type: 'failed'; error: string };

/** The job kinds a worker can run, each a module core/jobs/tasks/<kind>.ts. */
export const TASK_KINDS: readonly JobKind[] = ['train', 'scan'];
