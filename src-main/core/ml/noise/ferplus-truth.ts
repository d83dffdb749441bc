/**
 * FER+ majority as ground truth for label-noise detection.
 * Rule (as in the FER+ paper's majority mode): drop emotions with a single vote; the top class must hold
 * more than half of the remaining votes, with no tie. Votes are in the workspace's order: the 7 FER2013
 * classes, then contempt, unknown, not-a-face (which have no FER2013 class).
 */

export type Truth = { kind: 'clean'; majority: number } | { kind: 'noisy'; majority: number } | { kind: 'other' };

/** The FER+ majority class index into `votes` (0..9), or -1 when there is none. */
export function ferplusMajority(votes: readonly number[]): number {
  const kept = votes.map((v) => (v > 1 ? v : 0));
  const total = kept.reduce((a, b) => a + b, 0);
  if (total === 0) return -1;
  let best = -1;
  let bestVotes = 0;
  let tie = false;
  kept.forEach((v, i) => {
    if (v > bestVotes) {
      best = i;
      bestVotes = v;
      tie = false;
    } else if (v === bestVotes && v > 0) tie = true;
  });
  return !tie && bestVotes * 2 > total ? best : -1;
}

/** clean: FER+ agrees with the given label; noisy: FER+ picks another of the 7 classes; other: no usable majority. */
export function truthOf(votes: readonly number[], givenLabel: number): Truth {
  const m = ferplusMajority(votes);
  if (m < 0 || m > 6) return { kind: 'other' };
  return m === givenLabel ? { kind: 'clean', majority: m } : { kind: 'noisy', majority: m };
}
