/**
 * The one way a typed client is made, for every door: `clientOver<StudioClient>(call)` answers
 * `client.listSamples({...})` with the result of `call('listSamples', {...})`. The CLI, benchmarks and tests wrap
 * an in-process Studio (studio/local-client.ts); the renderer wraps its bridge (IPC or HTTP). zod-free, so the
 * renderer can import it. A misspelled method or a wrong input does not compile against the client type.
 */
export function clientOver<C extends object>(call: (method: string, input: unknown) => Promise<unknown>): C {
  return new Proxy({} as C, {
    get(_target, name) {
      // `then` stays undefined, or awaiting the client would treat it as a promise.
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (input: unknown) => call(name, input ?? {});
    },
  });
}
