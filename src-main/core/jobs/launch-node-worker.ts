import { fork } from 'node:child_process';

/**
 * The default worker launcher: a Node child process running the TypeScript worker entry through
 * tsx's loader (the core has no build step). stdout is ignored, stderr piped so a crash has a message.
 */
export function launchNodeWorker(entry: string, args: string[]): unknown {
  const execArgv = /\.[cm]?ts$/.test(entry) ? ['--import', import.meta.resolve('tsx')] : [];
  return fork(entry, args, { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
}
