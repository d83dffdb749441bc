/**
 * One message channel over the two kinds of worker process the doors start: a Node child process
 * (`send`, 'message', 'exit') or an Electron utilityProcess (`postMessage`, 'message', 'exit').
 */
import type { ChildProcess } from 'node:child_process';
import type { FromWorker, ToWorker } from './messages.ts';

export interface WorkerChannel<To = ToWorker, From = FromWorker> {
  /** The worker's process id (undefined until a utilityProcess has spawned). */
  readonly pid: number | undefined;
  send(message: To): void;
  onMessage(listener: (message: From) => void): void;
  onExit(listener: (code: number | null) => void): void;
  /** stderr lines of the worker, when the process exposes them (kept for error messages). */
  onStderr(listener: (text: string) => void): void;
  kill(): void;
}

interface ProcessLike {
  pid?: number;
  send?: (message: unknown) => unknown;
  postMessage?: (message: unknown) => void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  kill(signal?: NodeJS.Signals | number): unknown;
  stderr?: { on(event: 'data', listener: (chunk: Buffer | string) => void): unknown } | null;
}

/** To / From: the message types of the worker's protocol (a job worker's by default). */
export function channelOf<To = ToWorker, From = FromWorker>(handle: unknown): WorkerChannel<To, From> {
  const p = handle as ProcessLike;
  if (!p || typeof p.on !== 'function' || typeof p.kill !== 'function' || (typeof p.send !== 'function' && typeof p.postMessage !== 'function')) {
    throw new Error('The worker launcher returned something that is neither a child process nor a utilityProcess.');
  }
  let exited = false;
  return {
    get pid() {
      return p.pid;
    },
    send: (m) => {
      if (exited) return;
      if (typeof p.send === 'function') (p as ChildProcess).send(m as never);
      else p.postMessage!(m);
    },
    onMessage: (listener) => p.on('message', (m) => listener(m as From)),
    onExit: (listener) =>
      p.on('exit', (code) => {
        exited = true;
        listener(typeof code === 'number' ? code : null);
      }),
    onStderr: (listener) => p.stderr?.on('data', (chunk) => listener(String(chunk))),
    kill: () => {
      if (!exited) p.kill();
    },
  };
}

/** ' Last message: …' from a dead worker's stderr (stack frames skipped), or '' when it said nothing. */
export function lastLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
  return lines.length ? ` Last message: ${lines.at(-1)}` : '';
}
