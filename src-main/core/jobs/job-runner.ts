/**
 * Runs long jobs (training, label-noise scans) in a worker process, one at a time (they saturate the
 * CPU or GPU; the rest wait in a queue), and turns the worker's messages into StudioEvents on the bus.
 * Used alike by the CLI, the HTTP server and Electron (which passes utilityProcess.fork as launcher).
 *
 * Cancel: the worker's task stops within one batch and writes its terminal status itself. A worker that
 * dies without saying goodbye (crash, kill) fails its job here, and its run/scan row is closed. While a job
 * is queued or runs, its row's pid file names this process and the worker, so a studio opening the workspace
 * elsewhere leaves the row alone, and closes it only when both are gone (orphaned-rows.ts).
 */
import type { JobInfo, JobProgress, StudioEvent } from '../api/events.ts';
import { StudioError } from '../api/contract.ts';
import type { EventBus } from '../studio/event-bus.ts';
import { launchNodeWorker } from './launch-node-worker.ts';
import { WORKER_ENTRY } from './worker-entries.ts';
import type { FromWorker, WorkerJob } from './messages.ts';
import { channelOf, lastLine, type WorkerChannel } from './worker-channel.ts';
import { closeOrphanedRow, holdRow, jobRowOf, releaseRow, type JobRow } from './orphaned-rows.ts';

/** Starts the worker entry (a .ts file, or its bundle in the Electron build) with args; returns a ChildProcess or an Electron UtilityProcess. */
export type WorkerLauncher = (entry: string, args: string[]) => unknown;


/** How long a cancelled worker gets to stop by itself before it is killed. */
const CANCEL_GRACE_MS = 20_000;

interface Job {
  info: JobInfo;
  row: JobRow | null;
  work: WorkerJob;
  channel?: WorkerChannel;
  cancelRequested: boolean;
  stderr: string;
  ended: Promise<void>;
  resolveEnded: () => void;
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private counter = 0;

  constructor(
    readonly workspacePath: string,
    readonly events: EventBus,
    readonly launchWorker: WorkerLauncher = launchNodeWorker,
  ) {}

  start(work: WorkerJob): JobInfo {
    const { kind } = work;
    const info: JobInfo = {
      id: `${kind}-${Date.now().toString(36)}-${++this.counter}`,
      kind,
      state: 'queued',
      startedAt: new Date().toISOString(),
      progress: { phase: this.running ? 'waiting for the running job' : 'starting', fraction: 0 },
      ...(work.kind === 'scan' ? { scanId: work.payload.scanId } : { runId: work.payload.runId }),
    };
    let resolveEnded!: () => void;
    const ended = new Promise<void>((r) => (resolveEnded = r));
    const job: Job = { info, row: jobRowOf(info), work, cancelRequested: false, stderr: '', ended, resolveEnded };
    if (job.row) holdRow(this.workspacePath, job.row, [process.pid]);
    this.jobs.set(info.id, job);
    this.queue.push(job);
    this.emitJob(job);
    this.pump();
    return { ...info };
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || isFinal(job.info.state)) return false;
    job.cancelRequested = true;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.finish(job, 'cancelled');
      return true;
    }
    job.info.progress = { ...job.info.progress, phase: 'cancelling' };
    this.emitJob(job);
    job.channel?.send({ type: 'cancel' });
    const timer = setTimeout(() => job.channel?.kill(), CANCEL_GRACE_MS);
    timer.unref();
    void job.ended.then(() => clearTimeout(timer));
    return true;
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => ({ ...j.info, progress: { ...j.info.progress } })).reverse();
  }

  /** Resolves when the job has ended (done, failed or cancelled). */
  whenEnded(jobId: string): Promise<JobInfo> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new StudioError('not-found', `No job ${jobId}.`));
    return job.ended.then(() => ({ ...job.info }));
  }

  /** Cancels everything and waits for the workers to stop (killing them after the grace period). */
  async shutdown(): Promise<void> {
    for (const job of [...this.queue]) this.cancel(job.info.id);
    const running = this.running;
    if (running) {
      this.cancel(running.info.id);
      await running.ended;
    }
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = job;
    job.info.state = 'running';
    job.info.progress = { phase: 'starting worker', fraction: 0 };
    this.emitJob(job);
    try {
      job.channel = channelOf(this.launchWorker(WORKER_ENTRY, [this.workspacePath]));
      if (job.row && job.channel.pid !== undefined) holdRow(this.workspacePath, job.row, [process.pid, job.channel.pid]);
    } catch (e) {
      this.finish(job, 'failed', `Could not start the worker process: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    let ended = false;
    job.channel.onStderr((text) => (job.stderr = (job.stderr + text).slice(-4000)));
    job.channel.onMessage((m) => {
      if (!ended) this.onMessage(job, m);
      if (m.type === 'done' || m.type === 'failed' || m.type === 'cancelled') ended = true;
    });
    job.channel.onExit((code) => {
      if (isFinal(job.info.state)) return;
      const why = job.cancelRequested ? null : `The worker process ended unexpectedly (exit code ${code ?? 'none'}).${lastLine(job.stderr)}`;
      this.finish(job, job.cancelRequested ? 'cancelled' : 'failed', why ?? undefined);
    });
    job.channel.send({ type: 'start', jobId: job.info.id, ...job.work });
  }

  private onMessage(job: Job, m: FromWorker): void {
    switch (m.type) {
      case 'progress':
        job.info.progress = m.progress;
        this.emitJob(job);
        return;
      case 'event':
        this.events.emit(withJob(m.event, job.info));
        return;
      case 'done':
        return this.finish(job, 'done');
      case 'cancelled':
        return this.finish(job, 'cancelled');
      case 'failed':
        return this.finish(job, job.cancelRequested ? 'cancelled' : 'failed', job.cancelRequested ? undefined : m.error);
    }
  }

  private finish(job: Job, state: 'done' | 'failed' | 'cancelled', error?: string): void {
    if (isFinal(job.info.state)) return;
    job.info.state = state;
    job.info.finishedAt = new Date().toISOString();
    if (error) job.info.error = error;
    // A row the worker did not close (it never started, was cancelled in the queue, or died) is closed here.
    if (state !== 'done') closeOrphanedRow(this.workspacePath, job.info, state, error ?? null);
    else if (job.row) releaseRow(this.workspacePath, job.row);
    const progress: JobProgress = { ...job.info.progress, phase: state, ...(state === 'done' ? { fraction: 1 } : {}) };
    delete progress.etaSeconds;
    job.info.progress = progress;
    this.emitJob(job);
    job.resolveEnded();
    if (this.running === job) {
      this.running = null;
      // The worker exits by itself after its last message; make sure it does not linger.
      const channel = job.channel;
      setTimeout(() => channel?.kill(), 5_000).unref();
      this.pump();
    }
  }

  private emitJob(job: Job): void {
    this.events.emit({ type: 'job', job: { ...job.info, progress: { ...job.info.progress } } });
  }
}

function isFinal(state: JobInfo['state']): boolean {
  return state === 'done' || state === 'failed' || state === 'cancelled';
}

/** Tasks emit 'batch'/'epoch' events without knowing their job id; the parent fills it in. */
function withJob(e: StudioEvent, info: JobInfo): StudioEvent {
  if (e.type === 'batch' || e.type === 'epoch') return { ...e, jobId: info.id, ...(info.runId !== undefined && e.runId === undefined ? { runId: info.runId } : {}) };
  return e;
}
