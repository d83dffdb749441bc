import type { JobRunner } from '../jobs/job-runner.ts';
import type { WorkerJob } from '../jobs/messages.ts';

/**
 * Starts the job behind a run or scan row that is already 'running'; when the job cannot start (a job is
 * already running, the worker cannot spawn), the row is marked failed with the reason before the error goes on.
 */
export function startRecordedJob(jobs: JobRunner, work: WorkerJob, markFailed: (reason: string) => void): string {
  try {
    return jobs.start(work).id;
  } catch (e) {
    markFailed(e instanceof Error ? e.message : String(e));
    throw e;
  }
}
