// PLACEHOLDER: replaced by the real train handlers.
import type { Handlers } from '../api/contract.ts';
import { StudioError } from '../api/contract.ts';
import { trainApi } from '../api/train-api.ts';
import type { StudioContext } from './context.ts';

export function trainHandlers(_ctx: StudioContext): Handlers<typeof trainApi> {
  const missing = (name: string) => () => {
    throw new StudioError('internal', `${name} is not built yet.`);
  };
  return Object.fromEntries(Object.keys(trainApi).map((k) => [k, missing(k)])) as unknown as Handlers<typeof trainApi>;
}
