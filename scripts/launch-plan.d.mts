// Types for launch-plan.mjs (plain JavaScript so that `npm start` runs before node_modules exists).
export interface FsLike {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
}
export type LaunchPlan = { mode: 'electron'; binary: string; args: string[] } | { mode: 'browser'; message: string; args: string[] };
export function findElectronBinary(electronDir: string, env?: NodeJS.ProcessEnv, fs?: FsLike): string | null;
export function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean;
export function parseStartArgs(argv: readonly string[]): { workspace: string | null; browser: boolean; rest: string[] };
export function decideLaunch(input: { electronBinary: string | null; platform: NodeJS.Platform; env: NodeJS.ProcessEnv; argv: readonly string[] }): LaunchPlan;
