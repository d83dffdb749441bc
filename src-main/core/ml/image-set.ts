import { IMAGE_PIXELS } from '../../../src-common/classes.ts';

/**
 * Images in memory, the unit every training and prediction call takes.
 * pixels: count x 2304 uint8, row-major 48x48 grayscale; labels: class ids; ids: workspace sample ids (optional).
 */
export interface ImageSet {
  pixels: Uint8Array;
  labels: Int32Array;
  count: number;
  ids?: Int32Array;
}

/** Pixel mean and standard deviation of a training set: inputs are (pixel - mean) / std. Stored with each checkpoint. */
export interface Normalization {
  mean: number;
  std: number;
}

export function checkImageSet(set: ImageSet, what: string): void {
  if (set.count <= 0) throw new RangeError(`The ${what} set is empty.`);
  if (set.pixels.length !== set.count * IMAGE_PIXELS) throw new RangeError(`The ${what} set has ${set.pixels.length} pixel bytes; ${set.count} images of 48x48 need ${set.count * IMAGE_PIXELS}.`);
  if (set.labels.length !== set.count) throw new RangeError(`The ${what} set has ${set.labels.length} labels for ${set.count} images.`);
}

export function normalizationOf(set: ImageSet): Normalization {
  let sum = 0;
  let sq = 0;
  const p = set.pixels;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    sum += v;
    sq += v * v;
  }
  const mean = sum / p.length;
  const std = Math.sqrt(Math.max(sq / p.length - mean * mean, 1e-6));
  return { mean, std };
}

/** Images at `indices` as a new set (ids carried along when present). */
export function selectImages(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const n = indices.length;
  const pixels = new Uint8Array(n * IMAGE_PIXELS);
  const labels = new Int32Array(n);
  const ids = set.ids ? new Int32Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const src = indices[i]!;
    pixels.set(set.pixels.subarray(src * IMAGE_PIXELS, (src + 1) * IMAGE_PIXELS), i * IMAGE_PIXELS);
    labels[i] = set.labels[src]!;
    if (ids) ids[i] = set.ids![src]!;
  }
  return { pixels, labels, count: n, ...(ids ? { ids } : {}) };
}
