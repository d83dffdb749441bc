/**
 * Long jobs (training, scans) run in an Electron utilityProcess: a Node process the window never waits on.
 * It runs the worker bundle built beside main.cjs (dist/electron/worker.cjs, see core/jobs/worker-entries.ts):
 * built JavaScript, loaded from inside app.asar like main.cjs (Electron's utility processes read the archive),
 * its native modules and .wasm files unpacked beside it (electron-builder.yml).
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

/**
 * What utilityProcess.fork gets for a worker entry: the bundle, and stderr piped (the job runner keeps it for
 * error messages; stdout is ignored so an unread pipe never blocks). A TypeScript entry is refused: the app
 * ships no sources and no tsx, and a build that forgot its worker bundles should fail here, not in the field.
 */
export function utilityForkPlan(entry: string, args: readonly string[]): { modulePath: string; args: string[]; options: UtilityForkOptions } {
  if (/\.[cm]?ts$/.test(entry)) throw new Error(`The app runs built workers only, not ${entry}: build them with \`npm run build:electron\`.`);
  return { modulePath: entry, args: [...args], options: { serviceName: 'FER Studio worker', stdio: ['ignore', 'ignore', 'pipe'] } };
}

/** A WorkerLauncher for the Studio: forks the worker entry as a utilityProcess. */
export function utilityWorkerLauncher<P>(utilityProcess: UtilityForker<P>): (entry: string, args: string[]) => P {
  return (entry, args) => {
    const plan = utilityForkPlan(entry, args);
    return utilityProcess.fork(plan.modulePath, plan.args, plan.options);
  };
}
