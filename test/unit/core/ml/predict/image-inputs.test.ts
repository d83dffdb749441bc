import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImages, imageFilesAt } from '../../../../../src-main/core/ml/predict/image-inputs.ts';
import { tempDir } from '../../../../helpers/temp-workspace.ts';

const tmp = tempDir('fer-image-inputs-');
afterAll(() => tmp.cleanup());

describe('imageFilesAt + decodeImages', () => {
  it('takes a folder\'s files by name (numbers as numbers), skips hidden ones, reports subfolders, empty and missing paths', async () => {
    const dir = tmp.path('pics');
    mkdirSync(join(dir, 'more'), { recursive: true });
    mkdirSync(tmp.path('nothing'));
    const png = await sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 200, g: 10, b: 10, alpha: 0.5 } } }).png().toBuffer();
    for (const f of ['10.png', '2.png']) writeFileSync(join(dir, f), png);
    writeFileSync(join(dir, '.DS_Store'), 'x');
    writeFileSync(join(dir, 'empty.png'), '');
    const { sources, errors } = await imageFilesAt([dir, tmp.path('nothing'), tmp.path('gone.png')]);
    expect(sources.map((s) => s.name)).toEqual([join(dir, '2.png'), join(dir, '10.png'), join(dir, 'empty.png')]);
    expect(errors).toEqual([
      { file: join(dir, 'more'), reason: 'a folder inside a given folder (only the files directly inside are read)' },
      { file: tmp.path('nothing'), reason: 'an empty folder' },
      { file: tmp.path('gone.png'), reason: 'no such file or folder' },
    ]);
    const decoded = await decodeImages(sources, 48);
    expect(decoded.names).toEqual([join(dir, '2.png'), join(dir, '10.png')]);
    expect(decoded.pixels).toHaveLength(2 * 48 * 48);
    expect(decoded.errors).toEqual([{ file: join(dir, 'empty.png'), reason: 'an empty file' }]);
    // RGBA 30x20 -> 48x48 gray, alpha flattened onto black: a dark uniform gray, as imports decode it.
    expect(new Set(decoded.pixels).size).toBe(1);
    expect(decoded.pixels[0]).toBeLessThan(60);
  });

  it('decodes to the model\'s channels: RGB interleaved (alpha flattened onto black), a gray image repeated in R, G and B', async () => {
    const red = await sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 200, g: 10, b: 10, alpha: 0.5 } } }).png().toBuffer();
    const gray = await sharp({ create: { width: 24, height: 24, channels: 3, background: { r: 90, g: 90, b: 90 } } }).toColourspace('b-w').png().toBuffer();
    const decoded = await decodeImages([{ name: 'red', bytes: async () => red }, { name: 'gray', bytes: async () => gray }], 24, 3);
    expect(decoded.pixels).toHaveLength(2 * 24 * 24 * 3);
    expect([...decoded.pixels.subarray(0, 3)]).toEqual([100, 5, 5]);
    expect([...decoded.pixels.subarray(24 * 24 * 3, 24 * 24 * 3 + 3)]).toEqual([90, 90, 90]);
  });

  it('a reason never quotes the file: a malformed SVG\'s XML error names its tags, which stay out', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><password-hunter2>x</wrong-secret></svg>';
    const r = await decodeImages([{ name: 'face.svg', bytes: async () => Buffer.from(svg) }], 48);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.reason).toMatch(/^unreadable image \(Input buffer has corrupt header: .*XML parse error\)$/);
    expect(r.errors[0]!.reason).not.toMatch(/hunter2|secret/);
  });
});
