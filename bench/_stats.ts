/** Small summaries of repeated timings for the benchmarks' tables. */

/** The p-quantile (0..1) of xs, nearest rank below. */
export const pctile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

/** One decimal. */
export const r1 = (x: number): number => Math.round(x * 10) / 10;

/** Median, p95 and max of timings in ms, one decimal each. */
export function summary(xs: readonly number[]): { n: number; median: number; p95: number; max: number } {
  return { n: xs.length, median: r1(pctile(xs, 0.5)), p95: r1(pctile(xs, 0.95)), max: r1(Math.max(...xs)) };
}
