import type { StudioClient } from '../api.ts';
import { clientOver } from '../api/client.ts';
import type { Studio } from './studio.ts';

/**
 * The typed StudioClient over an in-process Studio (CLI, benchmarks, tests): `client.reviewQueue({...})`
 * validates through the contract like every door, and a misspelled method or wrong input does not compile.
 */
export function localClient(studio: Pick<Studio, 'call'>): StudioClient {
  return clientOver<StudioClient>((method, input) => studio.call(method, input));
}
