import type { JobProgress, StudioEvent } from '../api/events.ts';
import type { Workspace } from '../store/workspace.ts';

/**
 * What a job task gets inside the worker process. A task is `core/jobs/tasks/<kind>.ts` exporting
 * `run(ctx: TaskContext<payload>): Promise<void>`, listed in tasks/index.ts; it writes its results to the workspace itself (in one
 * transaction at the end) and returns; throwing fails the job. When `signal` aborts the task should
 * stop within one batch and throw (any error after an abort counts as a clean cancel).
 */
export interface TaskContext<P = unknown> {
  workspace: Workspace;
  payload: P;
  signal: AbortSignal;
  /** Replaces the job's progress (the parent emits a 'job' event with it). */
  progress(p: JobProgress): void;
  /** Forwards an event to every door; jobId/runId of 'batch' and 'epoch' events are filled in by the parent. */
  emit(e: StudioEvent): void;
}
