/**
 * Evaluation as pure functions of softmax probabilities and labels: accuracy, loss, per-class
 * precision/recall/F1, macro averages, the confusion matrix [true][predicted], and misclassification
 * triplets (the wrong image between a confident example of the class it was taken for and one of its own).
 */
import type { ClassMetrics, EvaluationMetrics, Triplet } from '../api/train-api.ts';

/** Classes per row of `probs` (count x classes) for `labels.length` rows. */
export function classesIn(probs: Float32Array, labels: ArrayLike<number>): number {
  const k = labels.length > 0 ? probs.length / labels.length : 0;
  if (!Number.isInteger(k)) throw new RangeError(`${probs.length} probabilities do not split into ${labels.length} rows.`);
  return k;
}

export function argmaxRows(probs: Float32Array, classes: number): Int32Array {
  const n = probs.length / classes;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[i * classes + c]! > probs[i * classes + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** `classes` defaults to what the probabilities hold per label. */
export function evaluate(split: string, probs: Float32Array, labels: Int32Array, classes: number = classesIn(probs, labels)): EvaluationMetrics {
  if (probs.length !== labels.length * classes) throw new RangeError(`evaluate: ${probs.length} probabilities for ${labels.length} labels x ${classes} classes.`);
  const predicted = argmaxRows(probs, classes);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    confusion[t]![predicted[i]!]!++;
    if (predicted[i] === t) correct++;
    loss -= Math.log(Math.max(probs[i * classes + t]!, 1e-7));
  }
  const perClass: ClassMetrics[] = [];
  for (let c = 0; c < classes; c++) {
    const tp = confusion[c]![c]!;
    const support = confusion[c]!.reduce((a, b) => a + b, 0);
    const predictedC = confusion.reduce((a, row) => a + row[c]!, 0);
    const precision = predictedC > 0 ? tp / predictedC : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass.push({ precision, recall, f1, support });
  }
  // Macro averages over the classes present in the split (an absent class has no recall to average).
  const present = perClass.filter((m) => m.support > 0);
  const mean = (f: (m: ClassMetrics) => number) => (present.length ? present.reduce((a, m) => a + f(m), 0) / present.length : 0);
  const n = labels.length;
  return {
    split,
    accuracy: n ? correct / n : 0,
    loss: n ? loss / n : 0,
    macroPrecision: mean((m) => m.precision),
    macroRecall: mean((m) => m.recall),
    macroF1: mean((m) => m.f1),
    perClass,
    confusion,
  };
}

/**
 * One triplet per misclassified image: middle = the image, left = the correctly classified sample of the
 * predicted class with the highest probability, right = the same for the true class (null when none).
 * Sorted by how confident the mistake was, most confident first.
 */
export function misclassificationTriplets(probs: Float32Array, labels: Int32Array, ids: ArrayLike<number>, classes: number = classesIn(probs, labels)): Triplet[] {
  const predicted = argmaxRows(probs, classes);
  const exemplar = new Array<number | null>(classes).fill(null);
  const exemplarProb = new Array<number>(classes).fill(-1);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    const p = probs[i * classes + c]!;
    if (predicted[i] === c && p > exemplarProb[c]!) {
      exemplarProb[c] = p;
      exemplar[c] = ids[i]!;
    }
  }
  const out: Triplet[] = [];
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predicted[i]!;
    if (p === t) continue;
    out.push({ trueLabel: t, predictedLabel: p, sampleId: ids[i]!, predictedExampleId: exemplar[p]!, trueExampleId: exemplar[t]!, confidence: probs[i * classes + p]! });
  }
  return out.sort((a, b) => b.confidence - a.confidence || a.sampleId - b.sampleId);
}

/** Per-sample cross-entropy of the given label. */
export function sampleLosses(probs: Float32Array, labels: Int32Array, classes: number = classesIn(probs, labels)): Float32Array {
  const out = new Float32Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = -Math.log(Math.max(probs[i * classes + labels[i]!]!, 1e-7));
  return out;
}
