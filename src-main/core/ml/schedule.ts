/** Learning-rate schedules: one-cycle (per step), plateau (per epoch, on validation accuracy), constant. */
import type { TrainConfig } from '../api/train-api.ts';

export interface LrSchedule {
  /** Learning rate for global step `step` (0-based) of `totalSteps`. */
  at(step: number): number;
  /** Told after each epoch; plateau halves the rate after 3 epochs without a better validation accuracy. */
  endEpoch(valAccuracy: number | undefined): void;
}

export function makeSchedule(kind: TrainConfig['schedule'], maxLr: number, totalSteps: number): LrSchedule {
  if (kind === 'one-cycle') {
    // Smith & Topin: cosine warm-up from max/25 over the first 30% of steps, cosine down to max/25e4.
    const warm = Math.max(1, Math.round(totalSteps * 0.3));
    const start = maxLr / 25;
    const end = start / 1e4;
    const cos = (from: number, to: number, t: number) => to + ((from - to) * (1 + Math.cos(Math.PI * t))) / 2;
    return {
      at: (step) => (step < warm ? cos(start, maxLr, step / warm) : cos(maxLr, end, Math.min(1, (step - warm) / Math.max(1, totalSteps - warm)))),
      endEpoch: () => {},
    };
  }
  if (kind === 'plateau') {
    let lr = maxLr;
    let best = -Infinity;
    let waited = 0;
    return {
      at: () => lr,
      endEpoch: (acc) => {
        if (acc === undefined) return;
        if (acc > best + 1e-4) {
          best = acc;
          waited = 0;
        } else if (++waited >= 3) {
          lr = Math.max(lr * 0.5, maxLr * 1e-3);
          waited = 0;
        }
      },
    };
  }
  return { at: () => maxLr, endEpoch: () => {} };
}
