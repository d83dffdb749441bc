import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFer2013Csv, type Fer2013Item } from '../../../../src-main/core/datasets/fer2013-csv-reader.ts';
import { csvLine, pixelBytes, pixelText, writeCsv } from '../../../helpers/fer-fixtures.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function readAll(path: string): Promise<Fer2013Item[]> {
  const out: Fer2013Item[] = [];
  for await (const items of readFer2013Csv(path)) out.push(...items);
  return out;
}

function errors(items: Fer2013Item[]) {
  return items.filter((i) => !i.ok).map((i) => ({ line: i.line, reason: (i as { reason: string }).reason }));
}

describe('fer2013 csv reader', () => {
  it('parses rows with their row index, emotion, split and exact pixels (plain and gz)', async () => {
    const lines = [csvLine(0, 3), csvLine(1, 0, 'PublicTest'), csvLine(2, 6, 'PrivateTest')];
    for (const name of ['a.csv', 'a.csv.gz']) {
      const items = await readAll(writeCsv(tmp.path(name), lines));
      expect(items.map((i) => (i.ok ? [i.row, i.line, i.emotion, i.split] : null))).toEqual([[0, 2, 3, 'Training'], [1, 3, 0, 'PublicTest'], [2, 4, 6, 'PrivateTest']]);
      expect(items[1]!.ok && Array.from(items[1]!.pixels)).toEqual(Array.from(pixelBytes(1)));
    }
  });

  it('reads lines that span many stream chunks, CRLF endings, and a last line without newline', async () => {
    const rows = Array.from({ length: 600 }, (_, r) => csvLine(r, r % 7));
    writeFileSync(tmp.path('crlf.csv'), 'emotion,pixels,Usage\r\n' + rows.join('\r\n'));
    const items = await readAll(tmp.path('crlf.csv'));
    expect(items).toHaveLength(600);
    expect(errors(items)).toEqual([]);
    expect(items.every((it, r) => it.ok && it.row === r && it.pixels[5] === (r * 7 + 5) % 256)).toBe(true);
  });

  it('reports each bad row with its line number and reason', async () => {
    const p = pixelText(0).split(' ');
    const lines = [
      csvLine(0, 3),
      `3,${p.slice(1).join(' ')},Training`, // 2303 values
      `3,${[...p.slice(0, 9), '256', ...p.slice(10)].join(' ')},Training`,
      `3,${[...p.slice(0, 4), '1x', ...p.slice(5)].join(' ')},Training`,
      csvLine(4, 7),
      csvLine(5, 2, 'Validation'),
      'just-one-field',
      '',
      `a,${pixelText(8)},Training`,
      csvLine(9, 1),
    ];
    const items = await readAll(writeCsv(tmp.path('bad.csv'), lines));
    expect(errors(items)).toEqual([
      { line: 3, reason: 'expected 2304 pixel values, got 2303' },
      { line: 4, reason: 'pixel 10 value 256 is out of 0..255' },
      { line: 5, reason: "pixel 5 '1x' is not a number" },
      { line: 6, reason: "unknown emotion '7' (expected 0..6)" },
      { line: 7, reason: "unknown split 'Validation' (expected Training, PublicTest, PrivateTest)" },
      { line: 8, reason: 'expected 3 fields: emotion,pixels,Usage' },
      { line: 9, reason: 'empty line' },
      { line: 10, reason: "unknown emotion 'a' (expected 0..6)" },
    ]);
    expect(items.filter((i) => i.ok).map((i) => i.row)).toEqual([0, 9]);
  });

  it('never quotes a wrong first line in its error (the path may name any file)', async () => {
    writeFileSync(tmp.path('shadow'), 'root:$y$j9T$secret-hash:19000:0:99999:7:::\n');
    const error = await readAll(tmp.path('shadow')).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/shadow line 1: not the expected header/);
    expect(error?.message).not.toMatch(/root|secret/);
  });

  it('throws clear errors for a missing file, an empty file, a wrong header and a broken gzip', async () => {
    await expect(readAll(tmp.path('nope.csv'))).rejects.toThrow(/File not found or unreadable: .*nope\.csv/);
    writeFileSync(tmp.path('empty.csv'), '');
    await expect(readAll(tmp.path('empty.csv'))).rejects.toThrow(/empty\.csv is empty/);
    writeCsv(tmp.path('hdr.csv'), [csvLine(0, 1)], 'label,pixels,split');
    await expect(readAll(tmp.path('hdr.csv'))).rejects.toThrow(/line 1: not the expected header 'emotion,pixels,Usage'/);
    writeFileSync(tmp.path('broken.csv.gz'), gzipSync('emotion,pixels,Usage\n' + csvLine(0, 1)).subarray(0, 40));
    await expect(readAll(tmp.path('broken.csv.gz'))).rejects.toThrow(/broken\.csv\.gz is not a valid gzip file/);
  });
});
