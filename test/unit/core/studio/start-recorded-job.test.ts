import { describe, expect, it } from 'vitest';
import type { JobRunner } from '../../../../src-main/core/jobs/job-runner.ts';
import { startRecordedJob } from '../../../../src-main/core/studio/start-recorded-job.ts';

const runner = (start: () => { id: string }) => ({ start }) as unknown as JobRunner;

describe('startRecordedJob', () => {
  it('returns the job id and leaves the row alone when the job starts', () => {
    const failed: string[] = [];
    expect(startRecordedJob(runner(() => ({ id: 'train-1' })), 'train', {}, (r) => failed.push(r))).toBe('train-1');
    expect(failed).toEqual([]);
  });

  it('marks the row failed with the reason, then rethrows, when the job cannot start', () => {
    const failed: string[] = [];
    const broken = runner(() => {
      throw new Error('spawn ENOMEM');
    });
    expect(() => startRecordedJob(broken, 'scan', {}, (r) => failed.push(r))).toThrow('spawn ENOMEM');
    expect(failed).toEqual(['spawn ENOMEM']);
  });
});
