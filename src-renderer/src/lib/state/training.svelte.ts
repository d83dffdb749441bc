import { api, onStudioEvent } from '../api/studio.ts';
import type { EngineReport, JobInfo, RemoteClient } from '../api/core-types.ts';
import type { EpochPoint } from '../components/epoch-series.ts';
import { TRAIN_DEFAULTS } from '../../../../src-common/train-defaults.ts';
import { SCAN_DEFAULTS } from '../../../../src-common/scan-presets.ts';
import { loadStored, saveStored } from './stored.ts';
import { toasts } from './toasts.svelte.ts';

export type TrainSettings = NonNullable<Parameters<RemoteClient['startTrain']>[0]>;
export type ScanSettings = NonNullable<Parameters<RemoteClient['startScan']>[0]>;

/** What the Train button uses until the person changes it (the contract's defaults fill in the rest). */
export const DEFAULT_TRAIN: TrainSettings = { ...TRAIN_DEFAULTS, engine: 'auto' };
export const DEFAULT_SCAN: ScanSettings = { ...SCAN_DEFAULTS, engine: 'auto' };

/**
 * Stored settings, less the footprint of an old bug: opening the settings drawer wrote 'Training' into all
 * three splits (unset <select>s), which nobody chooses on purpose (validation and test on the training rows).
 */
function storedTrainSettings(): Partial<TrainSettings> {
  const stored = loadStored<TrainSettings>('train', {});
  if (stored.trainSplit !== 'Training' || stored.valSplit !== 'Training' || stored.testSplit !== 'Training') return stored;
  const { trainSplit: _t, valSplit: _v, testSplit: _s, ...rest } = stored;
  return rest;
}

const FINISHED = new Set(['done', 'failed', 'cancelled']);
export const isJobFinished = (job: JobInfo): boolean => FINISHED.has(job.state);

/**
 * The job being watched (training or scan) and its live curves, fed by the event stream.
 * A module singleton, so leaving the Train view and coming back keeps the curves.
 */
class TrainingState {
  settings = $state<TrainSettings>({ ...DEFAULT_TRAIN, ...storedTrainSettings() });
  scanSettings = $state<ScanSettings>({ ...DEFAULT_SCAN, ...loadStored<ScanSettings>('scan', {}) });
  engines = $state.raw<EngineReport | null>(null);
  enginesError = $state<string | null>(null);
  job = $state.raw<JobInfo | null>(null);
  epochs = $state.raw<EpochPoint[]>([]);
  /** Per-batch losses grow by the thousand: a plain array plus a counter that tells the chart to redraw. */
  batches: Array<{ step: number; loss: number }> = [];
  batchCount = $state(0);
  starting = $state(false);

  constructor() {
    onStudioEvent((e) => {
      const job = this.job;
      if (e.type === 'job') {
        if (job && e.job.id === job.id) this.job = e.job;
        else if (!job || FINISHED.has(job.state)) {
          // a job started from another door (CLI, another window), or running when this tab opened: follow it
          if (!FINISHED.has(e.job.state) && (e.job.kind === 'train' || e.job.kind === 'scan' || e.job.kind === 'ensemble')) void this.join(e.job); // imports and exports show in their dialog
        }
        if (this.job?.id === e.job.id && FINISHED.has(e.job.state)) this.announce(e.job);
      } else if (e.type === 'epoch' && job && e.jobId === job.id) {
        this.epochs = [...this.epochs, e.fold === undefined ? e.metrics : { ...e.metrics, fold: e.fold }];
      } else if (e.type === 'batch' && job && e.jobId === job.id) {
        this.batches.push({ step: e.step, loss: e.loss });
        this.batchCount = this.batches.length;
      }
    });
  }

  get running(): boolean {
    return this.job !== null && !FINISHED.has(this.job.state);
  }

  saveSettings(): void {
    saveStored('train', $state.snapshot(this.settings));
    saveStored('scan', $state.snapshot(this.scanSettings));
  }

  async loadEngines(): Promise<void> {
    try {
      this.engines = await api.engines({});
      this.enginesError = null;
    } catch (e) {
      this.enginesError = e instanceof Error ? e.message : String(e);
    }
  }

  /** Re-attaches to a job that is still running (page reload), with the epochs stored so far. */
  async attach(): Promise<void> {
    if (this.job) return;
    try {
      const running = (await api.listJobs({})).find((j) => !FINISHED.has(j.state));
      if (running && this.job === null) await this.join(running);
    } catch (e) {
      toasts.error(e);
    }
  }

  /** Follows a job already under way, with the epochs it stored before this tab heard of it (not only those since). */
  private async join(job: JobInfo): Promise<void> {
    this.follow(job);
    if (job.kind !== 'train' || !job.runId) return;
    try {
      await this.loadHistory(job.runId);
    } catch (e) {
      toasts.error(e);
    }
  }

  /** Trains with the Train settings, or with a planned input (a fine-tune, say: see RetrainButtons). */
  async train(input: TrainSettings = $state.snapshot(this.settings)): Promise<void> {
    await this.start(() => api.startTrain(input), 'train');
  }

  /** Continues a cancelled or failed run from its last epoch; its earlier epochs stay on the curves. */
  async resume(runId: number): Promise<void> {
    await this.start(() => api.resumeTrain({ runId }), 'train');
    if (this.job?.runId !== runId) return;
    try {
      await this.loadHistory(runId);
    } catch (e) {
      toasts.error(e);
    }
  }

  /** Continues a cancelled or failed scan: the folds it finished are kept. */
  async resumeScan(scanId: number): Promise<void> {
    await this.start(() => api.resumeScan({ scanId }), 'scan');
  }

  /** A finished scan's fold models, averaged, evaluated as a run of their own (it appears in Results). */
  async evaluateEnsemble(scanId: number): Promise<void> {
    await this.start(() => api.evaluateEnsemble({ scanId }), 'ensemble');
  }

  async scan(): Promise<void> {
    await this.start(() => api.startScan($state.snapshot(this.scanSettings)), 'scan');
  }

  async cancel(): Promise<void> {
    if (!this.job) return;
    try {
      const r = await api.cancelJob({ jobId: this.job.id });
      if (!r.cancelled) toasts.show('info', 'The job had already ended.');
    } catch (e) {
      toasts.error(e);
    }
  }

  private async start(call: () => Promise<{ jobId: string }>, kind: JobInfo['kind']): Promise<void> {
    this.starting = true;
    this.saveSettings();
    try {
      const { jobId } = await call();
      const known = (await api.listJobs({})).find((j) => j.id === jobId);
      this.follow(known ?? { id: jobId, kind, state: 'queued', startedAt: new Date().toISOString(), progress: { phase: 'starting', fraction: 0 } });
    } catch (e) {
      toasts.error(e);
    } finally {
      this.starting = false;
    }
  }

  /** The run's stored epochs under the ones that streamed in meanwhile (those are newer). */
  private async loadHistory(runId: number): Promise<void> {
    const stored = (await api.getRun({ id: runId })).history;
    const live = new Set(this.epochs.map((e) => e.epoch));
    this.epochs = [...stored.filter((e) => !live.has(e.epoch)), ...this.epochs];
  }

  private follow(job: JobInfo): void {
    this.job = job;
    this.epochs = [];
    this.batches = [];
    this.batchCount = 0;
  }

  private announce(job: JobInfo): void {
    if (job.state === 'failed') toasts.show('error', `The ${job.kind} job failed: ${job.error ?? 'no message'}`);
    else toasts.show('info', `The ${job.kind} job ${job.state === 'done' ? 'finished' : 'was cancelled'}.`);
  }
}

export const training = new TrainingState();

/** Starts a job from another view (Results, Review) and shows it in the Train view once it runs. */
export async function startAndShowTrain(start: () => Promise<void>): Promise<void> {
  await start();
  if (training.running) location.hash = '#/train';
}
