import { CLASS_NAMES, IMAGE_SIDE, type Split } from './classes.ts';

export { parseClassOf } from './classes.ts';

/**
 * What a workspace's images are: recorded at its first import, read by the models, the scan, the UI and export.
 * Splits keep their three roles (training, validation, test) under the names FER2013 gave them; `splitNames`
 * says what the dataset itself calls them.
 */
export interface DatasetDefinition {
  name: string;
  /** Class names in id order (2 to MAX_CLASSES). */
  classes: string[];
  /** Working size: images are stored side x side x channels, row-major (colour interleaved, HWC). */
  side: number;
  /** 1: 8-bit grayscale; 3: 8-bit RGB (image folders and lists imported with channels 3). */
  channels: ImageChannels;
  /** The images' size before import, when they all had one (e.g. 28 for Fashion-MNIST). */
  originalSide: number | null;
  splitNames: Record<Split, string>;
  /**
   * Whether a left-right mirrored image keeps its class: true for faces, clothes, most photos; false for digits
   * and letters (a mirrored 3 is not a 3). When false, training never flips and prediction never flip-averages.
   */
  mirrorable: boolean;
}

export type ImageChannels = 1 | 3;
export const IMAGE_CHANNELS: readonly ImageChannels[] = [1, 3];

/** "grayscale" or "RGB": how messages and the UI name a dataset's colour. */
export const channelsName = (channels: number): string => (channels === 3 ? 'RGB' : 'grayscale');

export const MIN_CLASSES = 2;
export const MAX_CLASSES = 1000;
/** Working sizes an import may choose: the models pool three times by 2, so a side below 24 leaves nothing to pool. */
export const WORKING_SIDES = [24, 28, 32, 48, 64, 96] as const;

/** FER2013: every workspace made before datasets had definitions holds it, and an empty workspace starts as it. */
export const FER2013_DATASET: DatasetDefinition = Object.freeze({
  name: 'FER2013',
  classes: [...CLASS_NAMES],
  side: IMAGE_SIDE,
  originalSide: IMAGE_SIDE,
  channels: 1,
  splitNames: { Training: 'Training', PublicTest: 'PublicTest', PrivateTest: 'PrivateTest' },
  mirrorable: true,
});

export const isFer2013 = (d: DatasetDefinition): boolean => d.classes.length === CLASS_NAMES.length && d.classes.every((c, i) => c === CLASS_NAMES[i]);

/** Why a definition cannot be used, or null. */
export function badDefinition(d: DatasetDefinition): string | null {
  if (d.classes.length < MIN_CLASSES || d.classes.length > MAX_CLASSES) return `${d.classes.length} classes (expected ${MIN_CLASSES} to ${MAX_CLASSES})`;
  const seen = new Set<string>();
  for (const c of d.classes) {
    const key = c.trim().toLowerCase();
    if (!key) return 'an empty class name';
    if (seen.has(key)) return `the class name '${c}' twice`;
    seen.add(key);
  }
  if (!(WORKING_SIDES as readonly number[]).includes(d.side)) return `a working size of ${d.side} px (expected one of ${WORKING_SIDES.join(', ')})`;
  if (!(IMAGE_CHANNELS as readonly number[]).includes(d.channels)) return `${d.channels} colour channels (expected 1 or 3)`;
  return null;
}

/** "angry, disgust, … or 0..6": what a class argument may be, for error messages. */
export const classChoices = (classes: readonly string[]): string =>
  classes.length <= 12 ? `${classes.join(', ')} or 0..${classes.length - 1}` : `a class name or 0..${classes.length - 1}`;
