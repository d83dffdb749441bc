/**
 * Where a run's checkpoints lie, without TF.js: the doors check that a run can resume before they start
 * a worker, and must not load TF.js for that.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const STATE_FILE = 'fer-studio.json';
/** Subfolders of a run's folder: written after every epoch, and when validation improves. */
export const LAST_CHECKPOINT = 'last';
export const BEST_CHECKPOINT = 'best';

export function hasCheckpoint(dir: string): boolean {
  return existsSync(join(dir, 'model.json')) && existsSync(join(dir, STATE_FILE));
}
