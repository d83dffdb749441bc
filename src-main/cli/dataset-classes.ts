import { classChoices, parseClassOf } from '../../src-common/dataset.ts';
import type { StudioClient } from '../core/api.ts';
import { UsageError } from './args.ts';

/** The class names of the workspace's dataset, in id order (FER2013's unless another dataset was imported). */
export async function datasetClasses(api: () => StudioClient): Promise<string[]> {
  return (await api().dataset({})).classes;
}

/** A class argument (a name of `classes` or an id) as its id; `what` names the argument in the error. */
export function classArg(classes: readonly string[], text: string, what: string): number {
  const id = parseClassOf(classes, text);
  if (id === null) throw new UsageError(`${what}: unknown class '${text}' (expected ${classChoices(classes)}).`);
  return id;
}
