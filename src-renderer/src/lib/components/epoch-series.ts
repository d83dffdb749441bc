import type { EpochMetrics } from '../api/core-types.ts';
import type { Series } from './chart-series.ts';

/** An epoch's metrics, with the fold that trained it when the job is a scan. */
export type EpochPoint = EpochMetrics & { fold?: number };

const TRAIN = '#4f8cff';
const VAL = '#f5a524';
/** One colour per fold (scans have at most 10). */
const FOLD_COLORS = ['#4f8cff', '#f5a524', '#46a758', '#e5484d', '#8e4ec6', '#12a594', '#8b8d98', '#3e63dd', '#d6409f', '#ad7f58'];

type Pick = (m: EpochPoint) => number | undefined;

function points(epochs: readonly EpochPoint[], pick: Pick): Array<{ x: number; y: number }> {
  return epochs.flatMap((m) => {
    const y = pick(m);
    return y === undefined || !Number.isFinite(y) ? [] : [{ x: m.epoch, y }];
  });
}

/**
 * The lines of an epoch chart. A training run has a train and a validation line. A scan trains one model per
 * fold, each from epoch 1 (folds may run side by side): one line per fold, else the folds would draw one line
 * that jumps back to epoch 1; its folds have no validation set.
 */
export function epochSeries(epochs: readonly EpochPoint[], metric: 'loss' | 'accuracy'): Series[] {
  const train: Pick = metric === 'loss' ? (m) => m.trainLoss : (m) => m.trainAccuracy;
  const val: Pick = metric === 'loss' ? (m) => m.valLoss : (m) => m.valAccuracy;
  const folds = [...new Set(epochs.flatMap((m) => (m.fold === undefined ? [] : [m.fold])))].sort((a, b) => a - b);
  if (folds.length === 0) {
    return [
      { label: `train ${metric}`, color: TRAIN, points: points(epochs, train) },
      { label: `val ${metric}`, color: VAL, points: points(epochs, val) },
    ];
  }
  return folds.map((f) => ({
    label: `fold ${f} train ${metric}`,
    color: FOLD_COLORS[(f - 1) % FOLD_COLORS.length]!,
    points: points(
      epochs.filter((m) => m.fold === f),
      train,
    ),
  }));
}
