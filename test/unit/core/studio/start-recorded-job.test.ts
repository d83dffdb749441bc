import { describe, expect, it } from 'vitest';
import type { JobRunner } from '../../../../src-main/core/jobs/job-runner.ts';
import type { WorkerJob } from '../../../../src-main/core/jobs/messages.ts';
import { startRecordedJob } from '../../../../src-main/core/studio/start-recorded-job.ts';
import { trainConfig } from '../../../../src-main/core/api/train-api.ts';
import { scanConfig } from '../../../../src-main/core/api/noise-api.ts';

const trainJob: WorkerJob = { kind: 'train', payload: { runId: 1, config: trainConfig.parse({}) } };
const scanJob: WorkerJob = { kind: 'scan', payload: { scanId: 1, config: scanConfig.parse({}) } };
// Each kind's payload is checked at compile time (typecheck runs on the tests): a scan's payload is no training job.
// @ts-expect-error payload of another kind
export const mismatched: WorkerJob = { kind: 'train', payload: { scanId: 1, config: scanConfig.parse({}) } };

const runner = (start: () => { id: string }) => ({ start }) as unknown as JobRunner;

describe('startRecordedJob', () => {
  it('returns the job id and leaves the row alone when the job starts', () => {
    const failed: string[] = [];
    expect(startRecordedJob(runner(() => ({ id: 'train-1' })), trainJob, (r) => failed.push(r))).toBe('train-1');
    expect(failed).toEqual([]);
  });

  it('marks the row failed with the reason, then rethrows, when the job cannot start', () => {
    const failed: string[] = [];
    const broken = runner(() => {
      throw new Error('spawn ENOMEM');
    });
    expect(() => startRecordedJob(broken, scanJob, (r) => failed.push(r))).toThrow('spawn ENOMEM');
    expect(failed).toEqual(['spawn ENOMEM']);
  });
});
