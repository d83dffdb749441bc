import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TASKS } from '../../../../../src-main/core/jobs/tasks/index.ts';

describe('the job task registry', () => {
  it('runs every task file of core/jobs/tasks, each under its file name', () => {
    const dir = join(import.meta.dirname, '../../../../../src-main/core/jobs/tasks');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
    expect(Object.keys(TASKS).sort()).toEqual(files);
    for (const task of Object.values(TASKS)) expect(typeof task).toBe('function');
  });
});
