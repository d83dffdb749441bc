import { StudioError } from '../api/contract.ts';

/**
 * A run or scan resumes only when it stopped unfinished and the labels are still the ones it started on:
 * otherwise its earlier epochs or folds would belong to another label set than its label version says.
 */
export function assertResumable(what: 'run' | 'scan', id: number, row: { status: string; labelVersion: number }, labelsNow: number): void {
  const name = what === 'run' ? `Run ${id}` : `Scan ${id}`;
  if (row.status === 'running') throw new StudioError('conflict', `${name} is still running.`);
  if (row.status === 'done') throw new StudioError('conflict', `${name} already finished; start a new ${what} instead.`);
  if (labelsNow !== row.labelVersion) {
    const purpose = what === 'run' ? 'train on' : 'score';
    throw new StudioError('conflict', `Labels changed since ${what} ${id} started (v${row.labelVersion}, now v${labelsNow}): start a new ${what} to ${purpose} the current labels.`);
  }
}
