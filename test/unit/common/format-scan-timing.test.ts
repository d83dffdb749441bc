import { describe, expect, it } from 'vitest';
import { formatScanTiming } from '../../../src-common/format-scan-timing.ts';

describe('formatScanTiming', () => {
  it('names each phase in the order it ran, short phases to a tenth of a second', () => {
    const t = { load: 4.26, rounds: 700, training: 1290, scoring: 41, saving: 0.4, lookAlikes: 12.5, ranking: 2.04, writing: 1.5 };
    expect(formatScanTiming(t, 2)).toBe('loading 4.3s · 2 folds 11m40s (training 21m30s, scoring 41s, saving 0.4s, summed over 2 folds) · look-alikes 13s · ranking 2.0s · writing 1.5s');
    expect(formatScanTiming({ ...t, rounds: 65 }, 1)).toContain('· model 1m05s (training 21m30s, scoring 41s, saving 0.4s) ·');
  });
});
