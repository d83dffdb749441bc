import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ToFoldWorker } from './fold-messages.ts';

/** What the fold pool needs of a worker: a Node child process has it, and so does a worker thread (below). */
export interface FoldChild {
  readonly connected: boolean;
  readonly stderr: NodeJS.ReadableStream | null;
  send(message: ToFoldWorker): unknown;
  /** Lets an idle worker go (a child exits; a thread is terminated). */
  disconnect(): void;
  kill(): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number | null) => void): unknown;
}

/**
 * A fold worker as a worker thread of this process. The desktop app ships with Electron's RunAsNode fuse off
 * (electron-builder.yml), so a job's utilityProcess cannot fork Node children; threads need no fork. The native
 * kernels keep one thread pool per JavaScript thread (native/kernels.cc), so two folds train at once as in two
 * processes, and each thread has its own engine and heap.
 */
export function launchThreadWorker(entry: string, args: string[]): FoldChild {
  const worker = /\.[cm]?ts$/.test(entry)
    ? // A TypeScript entry (a checkout, the tests): a thread ignores the parent's --import hooks, so register tsx first.
      new Worker(`import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`, { eval: true, argv: args, stderr: true, stdout: false })
    : new Worker(entry, { argv: args, stderr: true, stdout: false });
  let connected = true;
  worker.on('exit', () => (connected = false));
  // An uncaught error ends the thread with an 'exit' (code 1), which the pool reports with stderr's last line.
  worker.on('error', (e) => process.stderr.write(`fold worker thread: ${e.message}\n`));
  const child: FoldChild = {
    get connected() {
      return connected;
    },
    stderr: worker.stderr,
    send: (m) => worker.postMessage(m),
    disconnect: () => {
      connected = false;
      void worker.terminate();
    },
    kill: () => worker.terminate(),
    on: (event: 'message' | 'exit', listener: (x: never) => void) => worker.on(event, listener as (x: unknown) => void),
  };
  return child;
}
