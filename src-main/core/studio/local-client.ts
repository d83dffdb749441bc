import type { StudioClient } from '../api.ts';
import { clientOver } from '../../../src-common/client.ts';
import type { Studio } from './studio.ts';

/**
 * The typed StudioClient over an in-process Studio (CLI, benchmarks, tests): `client.reviewQueue({...})`
 * validates through the contract like every door, and a misspelled method or wrong input does not compile.
 * `client` names the program in label steps ('cli'), so a page's Undo can say the command line made a step.
 */
export function localClient(studio: Pick<Studio, 'call'>, client?: string): StudioClient {
  const caller = { door: 'local' as const, ...(client ? { client } : {}) };
  return clientOver<StudioClient>((method, input) => studio.call(method, input, caller));
}
