import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { encodeRow, jitter, jitterOffsets, repeatedRows, writeRepeatedCsv, type FerRow } from '../../../bench/_fer-repeat.ts';
import { parseFer2013Line } from '../../../src-main/core/datasets/fer2013-csv-reader.ts';
import { seededRandom } from '../../../src-main/core/ml/noise/folds.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const PIXELS = 48 * 48;
// Three rows whose pixels sit at the edges of the range, so clamping is exercised.
const source: FerRow[] = [0, 128, 255].map((v, i) => ({ emotion: i, usage: i === 2 ? 'PublicTest' : 'Training', pixels: new Uint8Array(PIXELS).fill(v) }));

describe('the repeated FER2013 rows of bench scale', () => {
  it('yields exactly the rows asked for, cycling through the source', () => {
    const rows = [...repeatedRows(source, 8)];
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.emotion)).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
    expect(rows[5]!.usage).toBe('PublicTest');
  });

  it('keeps copy 0 identical and makes every later copy differ from it and from each other', () => {
    const rows = [...repeatedRows(source, 9)];
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    rows.slice(0, 3).forEach((r, i) => expect(r.pixels).toBe(source[i]!.pixels));
    expect(same(rows[4]!.pixels, source[1]!.pixels)).toBe(false);
    expect(same(rows[4]!.pixels, rows[7]!.pixels)).toBe(false);
    // two rows of one copy read the copy's offsets from different starts: their noise differs too
    const mid = [source[1]!, source[1]!];
    const [, , a, b] = [...repeatedRows(mid, 4)];
    expect(same(a!.pixels, b!.pixels)).toBe(false);
  });

  it('moves each pixel by 1..3 gray levels, clamped to 0..255', () => {
    const offsets = jitterOffsets(2 * PIXELS, seededRandom(3));
    expect(new Set([...jitter(source[1]!.pixels, offsets, 5)].map((p) => Math.abs(p - 128)))).toEqual(new Set([1, 2, 3]));
    for (const p of jitter(source[0]!.pixels, offsets)) expect(p).toBeLessThanOrEqual(3);
    for (const p of jitter(source[2]!.pixels, offsets)) expect(p).toBeGreaterThanOrEqual(252);
  });

  it('is the same for the same copy on every run', () => {
    const a = [...repeatedRows(source, 6)];
    const b = [...repeatedRows(source, 6)];
    expect(Buffer.from(a[4]!.pixels).equals(Buffer.from(b[4]!.pixels))).toBe(true);
  });

  it('writes rows the product reader parses back as they were', async () => {
    const line = encodeRow(source[1]!);
    const parsed = parseFer2013Line({ line: 2, buf: line, start: 0, end: line.length - 1 });
    expect(parsed).toMatchObject({ ok: true, emotion: 1, split: 'Training' });
    expect(parsed.ok && Buffer.from(parsed.pixels).equals(Buffer.from(source[1]!.pixels))).toBe(true);

    const tmp = tempDir('fer-repeat-test-');
    try {
      await writeRepeatedCsv(source, 7, tmp.path('x.csv.gz'));
      const lines = gunzipSync(readFileSync(tmp.path('x.csv.gz'))).toString().trimEnd().split('\n');
      expect(lines[0]).toBe('emotion,pixels,Usage');
      expect(lines).toHaveLength(8);
    } finally {
      tmp.cleanup();
    }
  });
});
