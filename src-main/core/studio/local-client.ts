import type { StudioClient } from '../api.ts';
import type { Studio } from './studio.ts';

/**
 * The typed StudioClient over an in-process Studio (CLI, benchmarks, tests): `client.reviewQueue({...})`
 * validates through the contract like every door, and a misspelled method or wrong input does not compile.
 */
export function localClient(studio: Pick<Studio, 'call'>): StudioClient {
  return new Proxy({} as StudioClient, {
    get(_target, name) {
      // `then` stays undefined, or awaiting the client would treat it as a promise.
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (input: unknown) => studio.call(name, input ?? {});
    },
  });
}
