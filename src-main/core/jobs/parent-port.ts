import { parentPort as threadPort } from 'node:worker_threads';

/**
 * The worker side of a WorkerChannel: Electron's process.parentPort in a utilityProcess, worker_threads' parentPort
 * in a worker thread (the desktop app's fold workers, see launch-thread-worker.ts), process.send in a Node child
 * process. Whichever door started the worker, it talks the same way.
 */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

export interface ParentChannel<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

export function parentChannel<In, Out>(): ParentChannel<In, Out> {
  if (threadPort) {
    const port = threadPort;
    return { send: (m) => port.postMessage(m), onMessage: (listener) => void port.on('message', (m) => listener(m as In)) };
  }
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  return {
    send: (m) => {
      if (parentPort) parentPort.postMessage(m);
      else process.send?.(m);
    },
    onMessage: (listener) => {
      if (parentPort) parentPort.on('message', (e) => listener(e.data as In));
      else process.on('message', (m) => listener(m as In));
    },
  };
}
