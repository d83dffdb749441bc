// PLACEHOLDER: replaced by the real noise handlers.
import type { Handlers } from '../api/contract.ts';
import { StudioError } from '../api/contract.ts';
import { noiseApi } from '../api/noise-api.ts';
import type { StudioContext } from './context.ts';

export function noiseHandlers(_ctx: StudioContext): Handlers<typeof noiseApi> {
  const missing = (name: string) => () => {
    throw new StudioError('internal', `${name} is not built yet.`);
  };
  return Object.fromEntries(Object.keys(noiseApi).map((k) => [k, missing(k)])) as unknown as Handlers<typeof noiseApi>;
}
