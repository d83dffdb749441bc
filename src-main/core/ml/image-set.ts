import { IMAGE_SIDE, NUM_CLASSES } from '../../../src-common/classes.ts';

/**
 * Images in memory, the unit every training and prediction call takes.
 * pixels: count x side x side x channels uint8, row-major (HWC: an RGB pixel's three bytes are adjacent);
 * labels: class ids; ids: workspace sample ids (optional).
 * side, classes and channels default to FER2013's 48, 7 and 1 (grayscale); a set of another dataset carries its own.
 */
export interface ImageSet {
  pixels: Uint8Array;
  labels: Int32Array;
  count: number;
  ids?: Int32Array;
  side?: number;
  classes?: number;
  /** 1 (grayscale, the default) or 3 (RGB). */
  channels?: number;
  /** false: a mirrored image is another class (digits): no flip augmentation, no flip averaging. Default true. */
  mirrorable?: boolean;
}

/** The geometry a set's model must have: image side, colour channels and number of classes. */
export interface SetShape {
  side: number;
  classes: number;
  channels: number;
}

export const shapeOf = (set: Pick<ImageSet, 'side' | 'classes' | 'channels'>): SetShape => ({ side: set.side ?? IMAGE_SIDE, classes: set.classes ?? NUM_CLASSES, channels: set.channels ?? 1 });
/** "48x48" for grayscale, "32x32 RGB" for colour: how messages name a shape's images. */
export const imageSize = (s: Pick<SetShape, 'side' | 'channels'>): string => `${s.side}x${s.side}${s.channels === 3 ? ' RGB' : s.channels === 1 ? '' : `x${s.channels}`}`;
/** Bytes (values) per image: side x side x channels. */
export const pixelsPerImage = (set: Pick<ImageSet, 'side' | 'channels'>): number => (set.side ?? IMAGE_SIDE) ** 2 * (set.channels ?? 1);

/** Pixel mean and standard deviation of a training set: inputs are (pixel - mean) / std. Stored with each checkpoint. */
export interface Normalization {
  mean: number;
  std: number;
}

export function checkImageSet(set: ImageSet, what: string): void {
  if (set.count <= 0) throw new RangeError(`The ${what} set is empty.`);
  const shape = shapeOf(set);
  const per = pixelsPerImage(set);
  if (set.pixels.length !== set.count * per) throw new RangeError(`The ${what} set has ${set.pixels.length} pixel bytes; ${set.count} images of ${imageSize(shape)} need ${set.count * per}.`);
  for (const l of set.labels) if (!(l >= 0 && l < shape.classes)) throw new RangeError(`The ${what} set has label ${l}; its dataset has ${shape.classes} classes.`);
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
  const per = pixelsPerImage(set);
  const pixels = new Uint8Array(n * per);
  const labels = new Int32Array(n);
  const ids = set.ids ? new Int32Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const src = indices[i]!;
    pixels.set(set.pixels.subarray(src * per, (src + 1) * per), i * per);
    labels[i] = set.labels[src]!;
    if (ids) ids[i] = set.ids![src]!;
  }
  return { pixels, labels, count: n, ...(ids ? { ids } : {}), ...sameShape(set) };
}

/** The side, classes, channels and mirrorable fields of `set`, as present, for a set derived from it. */
export function sameShape(set: Pick<ImageSet, 'side' | 'classes' | 'channels' | 'mirrorable'>): Pick<ImageSet, 'side' | 'classes' | 'channels' | 'mirrorable'> {
  return {
    ...(set.side !== undefined ? { side: set.side } : {}),
    ...(set.classes !== undefined ? { classes: set.classes } : {}),
    ...(set.channels !== undefined ? { channels: set.channels } : {}),
    ...(set.mirrorable !== undefined ? { mirrorable: set.mirrorable } : {}),
  };
}
