import { IMAGE_PIXELS, NUM_CLASSES, SPLITS, type Split } from '../../../src-common/classes.ts';
import { DatasetError, wrongHeader } from './dataset-error.ts';
import { lineText, readLines, type RawLine } from './line-reader.ts';

export const FER2013_HEADER = 'emotion,pixels,Usage';

/** One data row of fer2013.csv: `row` is the 0-based data row (line - 2), the FER2013 row index. */
export type Fer2013Item =
  | { ok: true; line: number; row: number; emotion: number; split: Split; pixels: Uint8Array }
  | { ok: false; line: number; row: number; reason: string };

const COMMA = 44;
const SPACE = 32;
const SPLIT_BY_TEXT = new Map<string, Split>(SPLITS.map((s) => [s, s]));

/**
 * Streams fer2013.csv(.gz) as parsed rows or per-row errors (with line numbers), in batches.
 * Throws a DatasetError for a file that cannot be FER2013 at all: missing, empty, wrong header.
 * A trailing empty line is the file's final newline, not a row; an empty line elsewhere is a bad row.
 */
export async function* readFer2013Csv(path: string, onProgress?: (fraction: number) => void): AsyncGenerator<Fer2013Item[]> {
  let headerSeen = false;
  let pendingEmpty: RawLine | null = null;
  for await (const lines of readLines(path, onProgress)) {
    const items: Fer2013Item[] = [];
    for (const l of lines) {
      if (!headerSeen) {
        const header = lineText(l).replace(/^\uFEFF/, '').trim();
        if (header !== FER2013_HEADER) throw new DatasetError(wrongHeader(path, FER2013_HEADER));
        headerSeen = true;
        continue;
      }
      if (pendingEmpty) {
        items.push({ ok: false, line: pendingEmpty.line, row: pendingEmpty.line - 2, reason: 'empty line' });
        pendingEmpty = null;
      }
      if (l.end === l.start) {
        pendingEmpty = l;
        continue;
      }
      items.push(parseFer2013Line(l));
    }
    if (items.length) yield items;
  }
  if (!headerSeen) throw new DatasetError(`${path} is empty (no header line).`);
}

/** Parses `E,P0 P1 ... P2303,Usage` straight from the bytes: one pass over the char codes, no split/map. */
export function parseFer2013Line(l: RawLine): Fer2013Item {
  const { buf, start, end, line } = l;
  const row = line - 2;
  const bad = (reason: string): Fer2013Item => ({ ok: false, line, row, reason });
  const c1 = buf.indexOf(COMMA, start);
  const c2 = c1 < 0 || c1 >= end ? -1 : buf.lastIndexOf(COMMA, end - 1);
  if (c1 < 0 || c1 >= end || c2 <= c1) return bad('expected 3 fields: emotion,pixels,Usage');

  const emotionText = buf.toString('latin1', start, c1).trim();
  if (!/^\d+$/.test(emotionText) || Number(emotionText) >= NUM_CLASSES) return bad(`unknown emotion '${emotionText}' (expected 0..${NUM_CLASSES - 1})`);
  const usage = buf.toString('latin1', c2 + 1, end).trim();
  const split = SPLIT_BY_TEXT.get(usage);
  if (!split) return bad(`unknown split '${usage}' (expected ${SPLITS.join(', ')})`);

  const pixels = new Uint8Array(IMAGE_PIXELS);
  let count = 0;
  let value = 0;
  let digits = 0;
  let tokenStart = c1 + 1;
  for (let i = c1 + 1; i <= c2; i++) {
    const ch = i === c2 ? SPACE : buf[i]!;
    if (ch >= 48 && ch <= 57) {
      value = value * 10 + (ch - 48);
      digits++;
      continue;
    }
    if (ch !== SPACE) {
      let j = i;
      while (j < c2 && buf[j] !== SPACE) j++;
      return bad(`pixel ${count + 1} '${buf.toString('latin1', tokenStart, j)}' is not a number`);
    }
    if (digits === 0) {
      if (i === c2 && count === 0) return bad(`expected ${IMAGE_PIXELS} pixel values, got 0`);
      return bad(`empty pixel value after pixel ${count} (two spaces in a row?)`);
    }
    if (value > 255) return bad(`pixel ${count + 1} value ${buf.toString('latin1', tokenStart, i)} is out of 0..255`);
    if (count < IMAGE_PIXELS) pixels[count] = value;
    count++;
    value = 0;
    digits = 0;
    tokenStart = i + 1;
  }
  if (count !== IMAGE_PIXELS) return bad(`expected ${IMAGE_PIXELS} pixel values, got ${count}`);
  return { ok: true, line, row, emotion: Number(emotionText), split, pixels };
}
