import type { JobInfo, JobProgress } from '../api/events.ts';
import type { EventBus } from './event-bus.ts';

/** Reports how far the work is: a fraction of the whole (null: unknown) and what it is doing. */
export type Progress = (fraction: number | null, phase: string) => void;

const EVERY_MS = 150; // progress events at most this often: a 35k-row import would send thousands
let counter = 0;

/**
 * Runs an import, an export or a grouping of near-duplicates (which waits on its worker) in this process as a job the doors can follow: the same 'job' events as training
 * and scans (queued, running with progress, done or failed), so any open view shows its progress whichever
 * door started it. The work's result or error is returned as is.
 */
export async function withJobEvents<R>(events: EventBus, kind: 'import' | 'export' | 'duplicates', phase: string, work: (progress: Progress) => Promise<R>): Promise<R> {
  const info: JobInfo = { id: `${kind}-${process.pid}-${++counter}`, kind, state: 'running', startedAt: new Date().toISOString(), progress: { phase, fraction: 0 } };
  const emit = (patch: Partial<JobInfo>, progress: Partial<JobProgress> = {}) => {
    Object.assign(info, patch);
    info.progress = { ...info.progress, ...progress };
    events.emit({ type: 'job', job: { ...info, progress: { ...info.progress } } });
  };
  let last = 0;
  emit({});
  try {
    const result = await work((fraction, phase) => {
      const now = performance.now();
      if (now - last < EVERY_MS) return;
      last = now;
      emit({}, { phase, fraction: fraction ?? info.progress.fraction });
    });
    emit({ state: 'done', finishedAt: new Date().toISOString() }, { phase: 'done', fraction: 1 });
    return result;
  } catch (e) {
    emit({ state: 'failed', finishedAt: new Date().toISOString(), error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}
