import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { writeFileAtomically } from '../../../../src-main/core/datasets/atomic-output.ts';
import { csvLine, pixelBytes, writeCsv } from '../../../helpers/fer-fixtures.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

let tmp: ReturnType<typeof tempDir>;
let studio: Studio;
let source: string;
const LINES = [csvLine(0, 3), csvLine(1, 0, 'PublicTest'), csvLine(2, 4), csvLine(3, 6, 'PrivateTest')];

beforeEach(async () => {
  tmp = tempDir();
  studio = new Studio(tmp.path('w.db'));
  source = writeCsv(tmp.path('src.csv'), LINES);
  await studio.call('importFer2013', { path: source });
});
afterEach(async () => {
  await studio.close();
  tmp.cleanup();
});

describe('export fer2013.csv', () => {
  it('an unmodified workspace exports byte-identical to the imported file, plain and gzipped', async () => {
    expect(await studio.call('exportCsv', { out: tmp.path('out.csv') })).toMatchObject({ rows: 4 });
    expect(readFileSync(tmp.path('out.csv')).equals(readFileSync(source))).toBe(true);
    await studio.call('exportCsv', { out: tmp.path('out.csv.gz') });
    expect(gunzipSync(readFileSync(tmp.path('out.csv.gz'))).equals(readFileSync(source))).toBe(true);
  });

  it('carries current labels; drops excluded rows by default, keeps them when asked', async () => {
    await studio.call('setLabel', { ids: [2], label: 3 });
    await studio.call('setExcluded', { ids: [1], excluded: true });
    await studio.call('exportCsv', { out: tmp.path('drop.csv') });
    const lines = readFileSync(tmp.path('drop.csv'), 'utf8').split('\n');
    expect(lines).toEqual(['emotion,pixels,Usage', LINES[0], csvLine(2, 3), LINES[3], '']);
    await studio.call('exportCsv', { out: tmp.path('keep.csv'), excluded: 'keep' });
    expect(readFileSync(tmp.path('keep.csv'), 'utf8').split('\n')[2]).toBe(LINES[1]);
  });

  it('writes the labels diff: one line per changed sample with its latest event reason and time', async () => {
    await studio.call('setLabel', { ids: [0, 2], label: 5 });
    await studio.call('setLabel', { ids: [2], label: 1, reason: 'accepted-suggestion' });
    await studio.call('setLabel', { ids: [3], label: 0 });
    await studio.call('setLabel', { ids: [3], label: 6 }); // back to its original: not in the diff
    expect(await studio.call('exportDiff', { out: tmp.path('diff.csv') })).toMatchObject({ rows: 2 });
    const lines = readFileSync(tmp.path('diff.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('row,original,current,reason,time');
    expect(lines[1]).toMatch(/^0,happy,surprise,bulk,\d{4}-\d\d-\d\dT/);
    expect(lines[2]).toMatch(/^2,sad,disgust,accepted-suggestion,\d{4}-/);
    expect(lines).toHaveLength(3);
  });
});

describe('labels diff after undo and redo', () => {
  it('gives the reason of the decision that set the current label, never undo or redo', async () => {
    await studio.call('setLabel', { ids: [0], label: 5, reason: 'accepted-suggestion' });
    await studio.call('setLabel', { ids: [0], label: 1 });
    await studio.call('undo', {}); // back to 5, set by the accepted suggestion
    await studio.call('exportDiff', { out: tmp.path('undo.csv') });
    expect(readFileSync(tmp.path('undo.csv'), 'utf8').split('\n')[1]).toMatch(/^0,happy,surprise,accepted-suggestion,/);
    await studio.call('redo', {}); // 1 again, set by the manual relabel
    await studio.call('exportDiff', { out: tmp.path('redo.csv') });
    expect(readFileSync(tmp.path('redo.csv'), 'utf8').split('\n')[1]).toMatch(/^0,happy,disgust,manual,/);
  });
});

describe('export folders', () => {
  it('writes <split>/<class name>/<id>.png as 8-bit grayscale with the exact pixels and current labels', async () => {
    await studio.call('setLabel', { ids: [0], label: 1 });
    await studio.call('setExcluded', { ids: [3], excluded: true });
    expect(await studio.call('exportFolders', { out: tmp.path('png') })).toMatchObject({ rows: 3 });
    expect(readdirSync(tmp.path('png/Training/disgust'))).toEqual(['0.png']);
    expect(readdirSync(tmp.path('png/PublicTest/angry'))).toEqual(['1.png']);
    expect(readdirSync(tmp.path('png/PrivateTest/neutral'))).toEqual([]);
    const meta = await sharp(tmp.path('png/Training/sad/2.png')).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels, meta.depth]).toEqual(['png', 48, 48, 1, 'uchar']);
    const data = await sharp(tmp.path('png/Training/sad/2.png')).toColourspace('b-w').raw().toBuffer();
    expect(Array.from(data)).toEqual(Array.from(pixelBytes(2)));
    expect(readdirSync(tmp.dir).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('refuses a non-empty target folder, writing nothing', async () => {
    mkdirSync(tmp.path('busy'));
    writeFileSync(tmp.path('busy/keep.txt'), 'x');
    await expect(studio.call('exportFolders', { out: tmp.path('busy') })).rejects.toThrow(/already exists and is not empty/);
    expect(readdirSync(tmp.path('busy'))).toEqual(['keep.txt']);
  });
});

describe('atomic output', () => {
  it('leaves neither the final file nor a partial one when writing fails midway', async () => {
    const out = tmp.path('half.csv');
    await expect(
      writeFileAtomically(out, async (sink) => {
        await sink.write('emotion,pixels,Usage\n');
        throw new Error('disk gone');
      }),
    ).rejects.toThrow('disk gone');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp.dir).filter((n) => n.includes('half'))).toEqual([]);
  });
});
