/** FER2013's vocabulary (other datasets bring theirs: dataset.ts): class ids are the numbers used in fer2013.csv. */
export const CLASS_NAMES = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type ClassName = (typeof CLASS_NAMES)[number];
export const NUM_CLASSES = CLASS_NAMES.length;

export const SPLITS = ['Training', 'PublicTest', 'PrivateTest'] as const;
export type Split = (typeof SPLITS)[number];

export const IMAGE_SIDE = 48;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;

/** Accepts a class id ("3") or a name (case-insensitive) of `classes`; returns the id or null. */
export function parseClassOf(classes: readonly string[], text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n < classes.length ? n : null;
  }
  const i = classes.findIndex((c) => c.toLowerCase() === t);
  return i >= 0 ? i : null;
}

/** Accepts a FER2013 class id ("3") or a name ("happy", case-insensitive); returns the id or null. */
export function parseClass(text: string): number | null {
  return parseClassOf(CLASS_NAMES, text);
}

export function isSplit(text: string): text is Split {
  return (SPLITS as readonly string[]).includes(text);
}

/** FER+ vote columns in fer2013new.csv order, with the FER2013 class id each maps to (null: no FER2013 class). */
export const FERPLUS_COLUMNS = [
  { name: 'neutral', classId: 6 },
  { name: 'happiness', classId: 3 },
  { name: 'surprise', classId: 5 },
  { name: 'sadness', classId: 4 },
  { name: 'anger', classId: 0 },
  { name: 'disgust', classId: 1 },
  { name: 'fear', classId: 2 },
  { name: 'contempt', classId: null },
  { name: 'unknown', classId: null },
  { name: 'NF', classId: null },
] as const;
