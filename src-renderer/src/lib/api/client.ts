import type { ApiError, RemoteClient, StudioBridge } from './core-types.ts';
import { clientOver } from '../../../../src-common/client.ts';

/** A failed call, carrying the core's ApiError; its message is meant for the person as is. */
export class ApiCallError extends Error {
  readonly method: string;
  readonly error: ApiError;
  constructor(method: string, error: ApiError) {
    super(error.message);
    this.method = method;
    this.error = error;
  }
}

/**
 * The typed StudioClient over any bridge (Electron preload or HTTP): `client.listSamples({...})`
 * resolves to the result or throws ApiCallError. The UI never knows which door is underneath. It offers only
 * what a page may call (RemoteClient): a call of a path-taking method does not compile.
 */
export function createClient(bridge: StudioBridge): RemoteClient {
  return clientOver<RemoteClient>(async (method, input) => {
    const outcome = await bridge.call(method, input);
    if (!outcome.ok) throw new ApiCallError(method, outcome.error);
    return outcome.result;
  });
}
