import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unpackedPath, utilityForkPlan, utilityWorkerLauncher, type UtilityForkOptions } from '../../../src-main/electron/worker-launcher.ts';

describe('utilityProcess worker launcher', () => {
  it('runs a TypeScript worker entry through tsx', () => {
    const plan = utilityForkPlan('/app/src-main/core/jobs/worker.ts', ['--job', '1'], '/app');
    expect(plan.modulePath).toBe('/app/src-main/core/jobs/worker.ts');
    expect(plan.args).toEqual(['--job', '1']);
    expect(plan.options.execArgv).toEqual(['--import', pathToFileURL('/app/node_modules/tsx/dist/loader.mjs').href]);
    expect(utilityForkPlan('/app/dist/worker.cjs', [], '/app').options.execArgv).toEqual([]);
  });

  it('uses the unpacked copies of files inside app.asar', () => {
    expect(unpackedPath('/opt/FER Studio/resources/app.asar/src-main/w.ts')).toBe('/opt/FER Studio/resources/app.asar.unpacked/src-main/w.ts');
    expect(unpackedPath('C:\\FER\\resources\\app.asar\\src-main\\w.ts')).toBe('C:\\FER\\resources\\app.asar.unpacked\\src-main\\w.ts');
    expect(unpackedPath('/repo/src-main/w.ts')).toBe('/repo/src-main/w.ts');
    const plan = utilityForkPlan('/r/app.asar/src-main/w.ts', [], '/r/app.asar');
    expect(plan.modulePath).toBe('/r/app.asar.unpacked/src-main/w.ts');
    expect(plan.options.execArgv![1]).toContain('/r/app.asar.unpacked/node_modules/tsx/');
  });

  it('forks through the injected utilityProcess and returns its process', () => {
    const calls: Array<[string, string[] | undefined, UtilityForkOptions | undefined]> = [];
    const proc = { pid: 42 };
    const launch = utilityWorkerLauncher({ fork: (m, a, o) => (calls.push([m, a, o]), proc) }, '/app');
    expect(launch('/app/w.ts', ['x'])).toBe(proc);
    expect(calls[0]![0]).toBe('/app/w.ts');
    expect(calls[0]![2]).toMatchObject({ serviceName: 'FER Studio worker', stdio: ['ignore', 'ignore', 'pipe'] });
  });
});
