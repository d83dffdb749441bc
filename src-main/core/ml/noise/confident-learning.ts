/**
 * Confident learning (Northcutt et al., 2021), written out plainly. Definitions follow cleanlab's
 * filter.py / count.py: per-class thresholds, the confident joint, its calibration, the noise matrix and
 * the prune-by-noise-rate issue set. Probabilities are out-of-sample, row-major: probs[i * k + c].
 */

export interface ProbMatrix {
  probs: Float32Array | Float64Array | number[];
  labels: ArrayLike<number>;  // given (possibly noisy) label per sample
  classes: number;            // k
}

function rowsOf(m: ProbMatrix): number {
  const n = m.labels.length;
  if (m.probs.length !== n * m.classes) throw new RangeError(`probs has ${m.probs.length} values, expected ${n} x ${m.classes}.`);
  return n;
}

/** t_j = mean self-confidence p_j(x) over the samples labelled j (NaN-free: a class with no samples gets 1, so nothing passes it). */
export function perClassThresholds(m: ProbMatrix): number[] {
  const n = rowsOf(m);
  const sum = new Array<number>(m.classes).fill(0);
  const count = new Array<number>(m.classes).fill(0);
  for (let i = 0; i < n; i++) {
    const y = m.labels[i]!;
    sum[y]! += m.probs[i * m.classes + y]!;
    count[y]!++;
  }
  return sum.map((s, j) => (count[j]! > 0 ? s / count[j]! : 1));
}

/**
 * For each sample, the class it confidently belongs to: among the classes whose probability reaches that
 * class's threshold, the most probable one; -1 when none does (the sample is not counted).
 */
export function confidentClasses(m: ProbMatrix, thresholds: readonly number[]): Int32Array {
  const n = rowsOf(m);
  const out = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestP = -Infinity;
    for (let j = 0; j < m.classes; j++) {
      const p = m.probs[i * m.classes + j]!;
      // cleanlab subtracts 1e-6 so a sample exactly at the threshold counts.
      if (p >= thresholds[j]! - 1e-6 && p > bestP) {
        best = j;
        bestP = p;
      }
    }
    out[i] = best;
  }
  return out;
}

/** C[i][j]: number of samples labelled i that confidently belong to j. */
export function confidentJoint(m: ProbMatrix, thresholds = perClassThresholds(m)): number[][] {
  const n = rowsOf(m);
  const c = confidentClasses(m, thresholds);
  const joint = Array.from({ length: m.classes }, () => new Array<number>(m.classes).fill(0));
  for (let i = 0; i < n; i++) if (c[i]! >= 0) joint[m.labels[i]!]![c[i]!]!++;
  return joint;
}

/**
 * Calibrates the confident joint so each row sums to the number of samples with that given label,
 * then divides by n: an estimate of the joint distribution Q[given][true] (sums to 1).
 */
export function calibratedJoint(confident: number[][], labelCounts: readonly number[]): number[][] {
  const n = labelCounts.reduce((a, b) => a + b, 0);
  return confident.map((row, i) => {
    const rowSum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (rowSum > 0 && n > 0 ? (v / rowSum) * (labelCounts[i]! / n) : 0));
  });
}

/** Noise matrix P(given = i | true = j): the calibrated joint normalized per column. */
export function noiseMatrix(joint: number[][]): number[][] {
  const k = joint.length;
  const colSum = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) colSum[j]! += joint[i]![j]!;
  return joint.map((row) => row.map((v, j) => (colSum[j]! > 0 ? v / colSum[j]! : 0)));
}

export function labelCounts(labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return counts;
}

/**
 * Prune by noise rate: for each off-diagonal cell (given i, true j), the expected number of label errors
 * round(Q[i][j] * n) is taken from the samples labelled i with the largest margin p_j - p_i.
 * Returns a 0/1 mask of likely label issues.
 */
export function findLabelIssues(m: ProbMatrix): { issues: Uint8Array; thresholds: number[]; confident: number[][]; joint: number[][]; noise: number[][] } {
  const n = rowsOf(m);
  const k = m.classes;
  const thresholds = perClassThresholds(m);
  const confident = confidentJoint(m, thresholds);
  const counts = labelCounts(m.labels, k);
  const joint = calibratedJoint(confident, counts);
  const issues = new Uint8Array(n);
  const byLabel: number[][] = Array.from({ length: k }, () => []);
  for (let x = 0; x < n; x++) byLabel[m.labels[x]!]!.push(x);
  for (let i = 0; i < k; i++) {
    const members = byLabel[i]!;
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      // Never prune a whole class: cleanlab keeps at least one sample per given label.
      const take = Math.min(Math.round(joint[i]![j]! * n), Math.max(0, members.length - 1));
      if (take <= 0) continue;
      const margin = (x: number) => m.probs[x * k + j]! - m.probs[x * k + i]!;
      const ranked = [...members].sort((a, b) => margin(b) - margin(a) || a - b);
      for (let r = 0; r < take; r++) issues[ranked[r]!] = 1;
    }
  }
  return { issues, thresholds, confident, joint, noise: noiseMatrix(joint) };
}
