import { StudioError } from '../api/contract.ts';
import type { DatasetDefinition } from '../../../src-common/dataset.ts';

/**
 * The contract accepts any class id a dataset may have (0..999); this checks the ids of one call against the
 * workspace's own classes, so a label or filter for a class that does not exist is refused, not silently empty.
 */
export function checkClassIds(dataset: DatasetDefinition, input: Readonly<Record<string, unknown>>, fields: readonly string[]): void {
  const K = dataset.classes.length;
  for (const field of fields) {
    const v = input[field];
    if (typeof v === 'number' && v >= K) throw new StudioError('bad-input', `${field}: class ${v} does not exist (this dataset has ${K} classes, 0..${K - 1}).`);
  }
}
