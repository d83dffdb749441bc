import type { ScanTiming } from '../src-main/core/api/noise-api.ts';
import { formatDuration } from './format-duration.ts';

const short = (s: number) => (s < 10 ? `${s.toFixed(1)}s` : formatDuration(s));

/** One line of where a scan's time went, its phases in the order they ran; the folds' parts summed over the folds. */
export function formatScanTiming(t: ScanTiming, folds: number): string {
  const inFolds = `training ${short(t.training)}, scoring ${short(t.scoring)}, saving ${short(t.saving)}${folds > 1 ? `, summed over ${folds} folds` : ''}`;
  return `loading ${short(t.load)} · ${folds > 1 ? `${folds} folds` : 'model'} ${short(t.rounds)} (${inFolds}) · look-alikes ${short(t.lookAlikes)} · ranking ${short(t.ranking)} · writing ${short(t.writing)}`;
}
