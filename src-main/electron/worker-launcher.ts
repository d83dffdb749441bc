import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

/**
 * Long jobs (training, scans) run in an Electron utilityProcess: a Node process the window never waits on.
 * It runs the same worker entry the CLI and HTTP door start as a child process; a TypeScript entry runs
 * through tsx's loader (the packaged app ships src-main/ and tsx unpacked from the asar, see electron-builder.yml).
 */

export interface UtilityForkOptions {
  execArgv?: string[];
  serviceName?: string;
  stdio?: 'pipe' | 'ignore' | 'inherit' | Array<'pipe' | 'ignore' | 'inherit'>;
  env?: NodeJS.ProcessEnv;
}

/** The part of Electron's `utilityProcess` this uses (injected, so this file never loads Electron). */
export interface UtilityForker<P> {
  fork(modulePath: string, args?: string[], options?: UtilityForkOptions): P;
}

/** Files inside app.asar cannot be executed or loaded by a separate process: use their unpacked copies. */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

export function tsxLoaderUrl(appRoot: string): string {
  return pathToFileURL(unpackedPath(join(appRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs'))).href;
}

/**
 * What utilityProcess.fork gets for a worker entry: the unpacked path, tsx's loader for a .ts entry, and
 * stderr piped (the job runner keeps it for error messages; stdout is ignored so an unread pipe never blocks).
 */
export function utilityForkPlan(entry: string, args: readonly string[], appRoot: string): { modulePath: string; args: string[]; options: UtilityForkOptions } {
  const modulePath = unpackedPath(entry);
  const execArgv = /\.[cm]?ts$/.test(entry) ? ['--import', tsxLoaderUrl(appRoot)] : [];
  return { modulePath, args: [...args], options: { execArgv, serviceName: 'FER Studio worker', stdio: ['ignore', 'ignore', 'pipe'] } };
}

/** A WorkerLauncher for the Studio: forks the worker entry as a utilityProcess. */
export function utilityWorkerLauncher<P>(utilityProcess: UtilityForker<P>, appRoot: string): (entry: string, args: string[]) => P {
  return (entry, args) => {
    const plan = utilityForkPlan(entry, args, appRoot);
    return utilityProcess.fork(plan.modulePath, plan.args, plan.options);
  };
}
