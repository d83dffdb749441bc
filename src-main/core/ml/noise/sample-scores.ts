/** Per-sample label-quality signals from out-of-sample probabilities (cleanlab rank.py definitions). */

export interface SampleScore {
  selfConfidence: number;     // p[given]
  margin: number;             // p[given] - max other p (the normalized margin before rescaling)
  loss: number;               // -log p[given]
  entropy: number;            // of the whole distribution, in nats
  predicted: number;          // argmax p
  suggested: number;          // most likely class other than the given one when the model disagrees, else the runner-up
  score: number;              // higher = more likely mislabeled, in [0, 1]
}

const EPS = 1e-7;

export function scoreSample(p: ArrayLike<number>, given: number): SampleScore {
  const k = p.length;
  let predicted = 0;
  let maxOther = -Infinity;
  let otherArg = -1;
  let entropy = 0;
  for (let c = 0; c < k; c++) {
    const v = p[c]!;
    if (v > p[predicted]!) predicted = c;
    if (c !== given && v > maxOther) {
      maxOther = v;
      otherArg = c;
    }
    if (v > 0) entropy -= v * Math.log(v);
  }
  const selfConfidence = p[given]!;
  const margin = selfConfidence - maxOther;
  return {
    selfConfidence,
    margin,
    loss: -Math.log(Math.max(selfConfidence, EPS)),
    entropy,
    predicted,
    suggested: otherArg,
    // The default ranking (see rankings.ts; bench/noise.ts compares them against FER+).
    score: 1 - (margin + 1) / 2,
  };
}
