import { describe, expect, it } from 'vitest';
import { utilityForkPlan, utilityWorkerLauncher, type UtilityForkOptions } from '../../../src-main/electron/worker-launcher.ts';

describe('utilityProcess worker launcher', () => {
  it('runs the built worker bundle as it is, with no loader', () => {
    const plan = utilityForkPlan('/opt/FER Studio/resources/app.asar/dist/electron/worker.cjs', ['--job', '1']);
    expect(plan.modulePath).toBe('/opt/FER Studio/resources/app.asar/dist/electron/worker.cjs');
    expect(plan.args).toEqual(['--job', '1']);
    expect(plan.options.execArgv).toBeUndefined();
  });

  it('refuses a TypeScript entry: the app ships no sources and no tsx', () => {
    expect(() => utilityForkPlan('/app/src-main/core/jobs/worker.ts', [])).toThrow(/built workers only.*npm run build:electron/);
  });

  it('forks through the injected utilityProcess and returns its process', () => {
    const calls: Array<[string, string[] | undefined, UtilityForkOptions | undefined]> = [];
    const proc = { pid: 42 };
    const launch = utilityWorkerLauncher({ fork: (m, a, o) => (calls.push([m, a, o]), proc) });
    expect(launch('/app/w.cjs', ['x'])).toBe(proc);
    expect(calls[0]![0]).toBe('/app/w.cjs');
    expect(calls[0]![2]).toMatchObject({ serviceName: 'FER Studio worker', stdio: ['ignore', 'ignore', 'pipe'] });
  });
});
