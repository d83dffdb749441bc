import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { readLines } from '../../../../src-main/core/datasets/line-reader.ts';
import { cli } from '../../../helpers/capture-io.ts';
import { fer2013Path, ferPlusPath } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const ORIGINAL_MD5 = 'f8428a1edbd21e88f42c73edd2a14f95';
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const ws = ['--workspace', tmp.path('w.db')];

/** md5 of every line, so two 300 MB files can be compared line by line without holding either. */
async function lineDigests(path: string): Promise<string[]> {
  const out: string[] = [];
  for await (const lines of readLines(path)) for (const l of lines) out.push(createHash('md5').update(l.buf.subarray(l.start, l.end)).digest('base64'));
  return out;
}

/** md5 of the file's bytes (after gunzip for .gz), as `md5sum` of the csv would print. */
async function fileMd5(path: string): Promise<string> {
  const h = createHash('md5');
  const file = createReadStream(path);
  for await (const chunk of path.endsWith('.gz') ? file.pipe(createGunzip()) : file) h.update(chunk as Buffer);
  return h.digest('hex');
}

// The full-file round trip of the issue, through the CLI: import 35,887 rows + votes, export byte-identical.
describe('fer2013.csv.gz full round trip through the CLI', () => {
  it('imports all rows with PROVENANCE counts and votes, and exports byte-identical, also after label+undo; label alone changes one line', async () => {
    const imp = await cli('import', fer2013Path(), '--votes', ferPlusPath(), ...ws, '--json');
    expect(imp.err).toEqual([]);
    expect(imp.code).toBe(0);
    const report = imp.json();
    expect(report.imported).toBe(35887);
    expect(report.skipped).toEqual([]);
    expect(report.counts).toEqual({
      Training: [3995, 436, 4097, 7215, 4830, 3171, 4965],
      PublicTest: [467, 56, 496, 895, 653, 415, 607],
      PrivateTest: [491, 55, 528, 879, 594, 416, 626],
    });
    expect(report.votes).toEqual({ imported: 35887, skipped: [] });
    expect(report.seconds).toBeLessThan(30);

    expect((await cli('export', tmp.path('a.csv'), ...ws)).code).toBe(0);
    expect(await fileMd5(tmp.path('a.csv'))).toBe(ORIGINAL_MD5);

    expect((await cli('label', '5', 'happy', ...ws)).code).toBe(0);
    expect((await cli('undo', ...ws)).code).toBe(0);
    expect((await cli('export', tmp.path('b.csv.gz'), ...ws)).code).toBe(0);
    expect(await fileMd5(tmp.path('b.csv.gz'))).toBe(ORIGINAL_MD5);

    expect((await cli('label', '5', 'happy', ...ws)).code).toBe(0);
    expect((await cli('export', tmp.path('c.csv'), ...ws)).code).toBe(0);
    const [original, edited] = [await lineDigests(fer2013Path()), await lineDigests(tmp.path('c.csv'))];
    expect(edited).toHaveLength(original.length);
    const differing = original.flatMap((d, i) => (d === edited[i] ? [] : [i]));
    expect(differing).toEqual([6]); // line index 6 = data row 5 (index 0 is the header)
  }, 120_000);
});
