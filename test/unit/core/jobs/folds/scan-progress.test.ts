import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../../../src-main/core/api/events.ts';
import { ScanProgress } from '../../../../../src-main/core/jobs/folds/scan-progress.ts';

const plans = [
  { train: new Array(300).fill(0), scored: new Array(100).fill(0) },
  { train: new Array(300).fill(0), scored: new Array(100).fill(0) },
];

describe('ScanProgress', () => {
  it('adds up parallel rounds: fraction of all rounds, summed speed, ETA from the images left', () => {
    const seen: JobProgress[] = [];
    const p = new ScanProgress({ progress: (x) => seen.push(x) }, { epochs: 2, mode: 'cross-validation' }, plans, 2);
    p.batch(0, { epoch: 1, batch: 5, batches: 10, loss: 2, imagesPerSecond: 40 });
    p.batch(1, { epoch: 2, batch: 10, batches: 10, loss: 1, imagesPerSecond: 30 });
    const last = seen.at(-1)!;
    // round 0 is 25% done, round 1 100%: 62.5% of training, scaled to the training share of the job.
    expect(last.fraction).toBeCloseTo(0.625 * 0.98, 6);
    expect(last.imagesPerSecond).toBe(40); // a finished round no longer adds speed
    // images left: round 0 has 0.75 * (300*2 + 100), round 1 none.
    expect(last.etaSeconds).toBeCloseTo((0.75 * 700) / 40, 6);
    expect(last.phase).toBe('folds 1 of 2 (2 in parallel)');
  });

  it('names the fold in sequential scans and quick mode', () => {
    const seen: JobProgress[] = [];
    new ScanProgress({ progress: (x) => seen.push(x) }, { epochs: 1, mode: 'cross-validation' }, plans, 1).batch(1, { epoch: 1, batch: 1, batches: 2, loss: 1, imagesPerSecond: 10 });
    new ScanProgress({ progress: (x) => seen.push(x) }, { epochs: 1, mode: 'quick' }, plans.slice(0, 1), 1).batch(0, { epoch: 1, batch: 1, batches: 2, loss: 1, imagesPerSecond: 10 });
    expect(seen.map((s) => s.phase)).toEqual(['fold 2/2', 'training (quick mode: in-sample scores)']);
  });
});
