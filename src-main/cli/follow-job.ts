import type { JobInfo, JobProgress } from '../core/api/events.ts';
import type { Studio } from '../core/studio/studio.ts';
import type { CommandIo } from './command.ts';
import { formatDuration } from '../../src-common/format-duration.ts';

function describe(p: JobProgress): string {
  const parts = [`${(p.fraction * 100).toFixed(1).padStart(5)}%`, p.phase];
  if (p.epoch !== undefined) parts.push(`epoch ${p.epoch}/${p.epochs ?? '?'}`);
  if (p.batch !== undefined) parts.push(`batch ${p.batch}/${p.batches ?? '?'}`);
  if (p.loss !== undefined) parts.push(`loss ${p.loss.toFixed(4)}`);
  if (p.accuracy !== undefined) parts.push(`acc ${(p.accuracy * 100).toFixed(1)}%`);
  if (p.imagesPerSecond !== undefined) parts.push(`${p.imagesPerSecond.toFixed(0)} img/s`);
  if (p.etaSeconds !== undefined) parts.push(`ETA ${formatSeconds(p.etaSeconds)}`);
  return parts.join('  ');
}

export function formatSeconds(s: number): string {
  return Number.isFinite(s) ? formatDuration(s) : '?';
}

/**
 * Waits for a job to end, printing progress to stderr (at most every `intervalMs`, and on each phase change).
 * Ctrl-C cancels the job cleanly (the worker stops within one batch) instead of killing mid-write.
 */
export function followJob(studio: Studio, jobId: string, io: CommandIo, options: { quiet?: boolean; intervalMs?: number } = {}): Promise<JobInfo> {
  const interval = options.intervalMs ?? 2000;
  return new Promise((resolve) => {
    let lastPrint = 0;
    let lastPhase = '';
    const onSigint = () => {
      io.err('Cancelling… (press Ctrl-C again to force quit)');
      process.off('SIGINT', onSigint);
      void studio.call('cancelJob', { jobId });
    };
    process.on('SIGINT', onSigint);
    const finish = (job: JobInfo) => {
      unsubscribe();
      process.off('SIGINT', onSigint);
      resolve(job);
    };
    const unsubscribe = studio.subscribe((e) => {
      if (e.type !== 'job' || e.job.id !== jobId) return;
      const { job } = e;
      if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return finish(job);
      const now = Date.now();
      if (!options.quiet && (now - lastPrint >= interval || job.progress.phase !== lastPhase)) {
        lastPrint = now;
        lastPhase = job.progress.phase;
        io.err(describe(job.progress));
      }
    });
    // The job may have ended before we subscribed.
    const known = studio.jobs.list().find((j) => j.id === jobId);
    if (known && (known.state === 'done' || known.state === 'failed' || known.state === 'cancelled')) finish(known);
  });
}
