import { fork } from 'node:child_process';

/**
 * The default worker launcher: a Node child process running the worker entry (a TypeScript one through tsx's
 * loader). stdout is ignored, stderr piped so a crash has a message.
 * Not inside Electron: the app ships with the RunAsNode fuse off (electron-builder.yml), so its executable cannot
 * be forked as Node; jobs start as utilityProcesses there, fold workers as threads (launch-thread-worker.ts).
 */
export function launchNodeWorker(entry: string, args: string[]): unknown {
  if (process.versions.electron) throw new Error('launchNodeWorker: inside Electron, start workers with utilityProcess or as worker threads (the RunAsNode fuse is off).');
  const execArgv = /\.[cm]?ts$/.test(entry) ? ['--import', import.meta.resolve('tsx')] : [];
  return fork(entry, args, { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
}
