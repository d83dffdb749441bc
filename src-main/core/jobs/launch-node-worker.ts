import { fork } from 'node:child_process';

/**
 * The default worker launcher: a Node child process running the TypeScript worker entry through
 * tsx's loader (the core has no build step). stdout is ignored, stderr piped so a crash has a message.
 */
export function launchNodeWorker(entry: string, args: string[]): unknown {
  const execArgv = /\.[cm]?ts$/.test(entry) ? ['--import', import.meta.resolve('tsx')] : [];
  // Inside Electron (a utilityProcess forking fold workers) the executable is Electron itself: run it as Node.
  const env = process.versions.electron ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : process.env;
  return fork(entry, args, { execArgv, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
}
