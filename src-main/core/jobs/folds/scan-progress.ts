/**
 * Turns the batch reports of a scan's rounds (one at a time or several in parallel) into one job
 * progress: the fraction of all rounds, the summed speed of the rounds under way, and the ETA.
 */
import type { ScanConfig } from '../../api/noise-api.ts';
import type { FoldPlan } from '../../ml/noise/train-fold.ts';
import type { TaskContext } from '../task-context.ts';
import type { BatchReport } from './fold-pool.ts';

/** Training takes this share of the job; ranking and the final write the rest. */
const TRAINING_SHARE = 0.98;

export class ScanProgress {
  private readonly done: number[];
  private readonly speed: number[];
  private readonly imagesPerRound: number[];

  constructor(
    private readonly ctx: Pick<TaskContext, 'progress'>,
    private readonly config: Pick<ScanConfig, 'epochs' | 'mode'>,
    plans: readonly FoldPlan[],
    private readonly workers: number,
  ) {
    this.done = plans.map(() => 0);
    this.speed = plans.map(() => 0);
    // Training images of every epoch plus the flip-averaged scoring pass (cheap next to training).
    this.imagesPerRound = plans.map((p) => p.train.length * config.epochs + p.scored.length);
  }

  /** A round the scan already has (resumed): counted as done from the start. */
  roundDone(round: number): void {
    this.done[round] = 1;
  }

  batch(round: number, b: BatchReport): void {
    const rounds = this.done.length;
    this.done[round] = Math.min(1, (b.epoch - 1 + b.batch / b.batches) / this.config.epochs);
    this.speed[round] = this.done[round]! < 1 ? b.imagesPerSecond : 0;
    const fraction = this.done.reduce((a, d) => a + d, 0) / rounds;
    const speed = this.speed.reduce((a, v) => a + v, 0);
    const remaining = this.imagesPerRound.reduce((a, n, r) => a + n * (1 - this.done[r]!), 0);
    const active = this.done.map((d, r) => (d > 0 && d < 1 ? r + 1 : 0)).filter(Boolean);
    const phase =
      this.config.mode === 'quick'
        ? 'training (quick mode: in-sample scores)'
        : this.workers > 1
          ? active.length
            ? `folds ${active.join(', ')} of ${rounds} (${this.workers} in parallel)`
            : `scoring held-out folds (${this.workers} in parallel)`
          : `fold ${round + 1}/${rounds}`;
    this.ctx.progress({
      phase,
      fraction: fraction * TRAINING_SHARE,
      fold: round + 1,
      folds: rounds,
      epoch: b.epoch,
      epochs: this.config.epochs,
      batch: b.batch,
      batches: b.batches,
      loss: b.loss,
      imagesPerSecond: speed,
      ...(speed > 0 ? { etaSeconds: remaining / speed } : {}),
    });
  }
}
