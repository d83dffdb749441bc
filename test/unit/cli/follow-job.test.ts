import { describe, expect, it } from 'vitest';
import { formatSeconds } from '../../../src-main/cli/follow-job.ts';

describe('formatSeconds', () => {
  it('reads seconds, minutes and hours, rounding once (never 0m60s)', () => {
    expect(formatSeconds(4.4)).toBe('4s');
    expect(formatSeconds(59.6)).toBe('1m00s');
    expect(formatSeconds(28 * 60 + 59.7)).toBe('29m00s');
    expect(formatSeconds(3 * 3600 + 5 * 60)).toBe('3h05m');
    expect(formatSeconds(Number.POSITIVE_INFINITY)).toBe('?');
  });
});
