import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { ImportReport } from '../../../../src-main/core/api.ts';
import { studioPerTest } from '../../../helpers/studio-per-suite.ts';
import { pixelBytes } from '../../../helpers/fer-fixtures.ts';
import { grayPng } from '../../../helpers/gray-png-file.ts';

const suite = studioPerTest();

const importFolder = (path: string, extra: Record<string, unknown> = {}) => suite.studio.call('importFolder', { path, ...extra }) as Promise<ImportReport>;

describe('importFolder', () => {
  it('reads <root>/<split>/<class>/* with train/val/test names (any case), class names or ids, pixels exact', async () => {
    const root = suite.tmp.path('imgs');
    await grayPng(`${root}/train/happy/10.png`, 1);
    await grayPng(`${root}/train/happy/2.png`, 2);
    await grayPng(`${root}/VAL/0/7.png`, 3);
    await grayPng(`${root}/PrivateTest/Neutral/1.png`, 4);
    const r = await importFolder(root);
    expect(r.imported).toBe(4);
    expect(r.resized).toBe(0);
    expect(r.counts).toEqual({ Training: [0, 0, 0, 2, 0, 0, 0], PublicTest: [1, 0, 0, 0, 0, 0, 0], PrivateTest: [0, 0, 0, 0, 0, 0, 1] });
    const rows = [...suite.studio.workspace.samples.iterate()].map((s) => [s.id, s.split, s.label, s.sourceRef]);
    // split order, then class id, then numeric file order (2.png before 10.png)
    expect(rows).toEqual([[0, 'Training', 3, 'train/happy/2.png'], [1, 'Training', 3, 'train/happy/10.png'], [2, 'PublicTest', 0, 'VAL/0/7.png'], [3, 'PrivateTest', 6, 'PrivateTest/Neutral/1.png']]);
    expect(Array.from(suite.studio.workspace.samples.pixels(1)!.pixels)).toEqual(Array.from(pixelBytes(1)));
    await expect(importFolder(root, { split: 'Training' })).rejects.toThrow(/has split folders \(PrivateTest, train, VAL\); a split option applies only to <root>\/<class> folders/);
  });

  it('reads the Kaggle <root>/<class>/* layout with --split, converting and counting non-48x48-gray images', async () => {
    const root = suite.tmp.path('kaggle');
    await grayPng(`${root}/sad/a.png`, 5);
    mkdirSync(`${root}/fear`, { recursive: true });
    await sharp({ create: { width: 64, height: 40, channels: 3, background: { r: 200, g: 10, b: 10 } } }).jpeg().toFile(`${root}/fear/b.jpg`);
    await sharp({ create: { width: 48, height: 48, channels: 4, background: { r: 90, g: 90, b: 90, alpha: 1 } } }).png().toFile(`${root}/fear/c.png`);
    const r = await importFolder(root, { split: 'PublicTest' });
    expect(r).toMatchObject({ imported: 3, resized: 2, skipped: [] });
    expect(r.counts.PublicTest).toEqual([0, 0, 2, 0, 1, 0, 0]);
    const b = suite.studio.workspace.samples.pixels(0)!;
    expect(b.pixels.length).toBe(2304);
    expect(b.pixels[0]).toBeGreaterThan(50); // red-ish converted to a mid gray, not left as RGB
    expect(suite.studio.workspace.samples.get(1)!.sourceRef).toBe('fear/c.png');
    expect(suite.studio.workspace.samples.pixels(1)!.pixels[100]).toBe(90);
  });

  it('in a FER2013 workspace: reports unreadable images, stray files and folders naming no class; --strict writes nothing', async () => {
    await grayPng(suite.tmp.path('first/happy/a.png'), 1);
    await importFolder(suite.tmp.path('first')); // the workspace now holds FER2013, so its classes are the ones a folder may name
    const root = suite.tmp.path('mixed');
    await grayPng(`${root}/happy/ok.png`, 1);
    writeFileSync(`${root}/happy/broken.png`, 'not an image');
    writeFileSync(`${root}/happy/notes.txt`, 'x');
    await grayPng(`${root}/smiling/x.png`, 2);
    await expect(importFolder(root, { strict: true })).rejects.toThrow(/smiling\/: folder 'smiling' is not a class of this dataset \(angry, disgust, fear, happy, sad, surprise, neutral\).*Nothing was imported \(--strict\)/);
    expect(suite.studio.workspace.samples.count()).toBe(1);
    const r = await importFolder(root);
    expect(r.imported).toBe(1);
    expect(r.skipped.map((s) => s.file)).toEqual(['smiling/', 'happy/notes.txt', 'happy/broken.png']);
    expect(r.skipped[2]!.reason).toMatch(/^unreadable image/);
    expect((await importFolder(root)).alreadyPresent).toBe(true);
    expect(suite.studio.workspace.samples.count()).toBe(2);
  });

  it('in an empty workspace, folders that are not all FER2013 classes define a dataset of their own', async () => {
    await grayPng(suite.tmp.path('pets/cat/a.png'), 1);
    await grayPng(suite.tmp.path('pets/Dog/b.png'), 2);
    await grayPng(suite.tmp.path('pets/happy/c.png'), 3);
    const r = await importFolder(suite.tmp.path('pets'));
    expect(r.imported).toBe(3);
    expect(suite.studio.workspace.dataset).toMatchObject({ name: 'pets', classes: ['cat', 'Dog', 'happy'], side: 48 });
    const labelOfRef = (ref: string) => (suite.studio.workspace.db.prepare('SELECT label FROM samples WHERE source_ref = ?').get(ref) as { label: number }).label;
    expect(['cat/a.png', 'Dog/b.png', 'happy/c.png'].map(labelOfRef)).toEqual([0, 1, 2]);
  });

  it('refuses a missing folder and a folder without images', async () => {
    await expect(importFolder(suite.tmp.path('nope'))).rejects.toThrow(/Folder not found or unreadable: .*nope/);
    mkdirSync(suite.tmp.path('empty/happy'), { recursive: true });
    await expect(importFolder(suite.tmp.path('empty'))).rejects.toThrow(/no images found/);
  });
});

/** A solid-colour image of `width` x `height` at `path` (folders made): png unless the name says jpg. */
async function solidImage(path: string, width: number, height: number, rgb: { r: number; g: number; b: number }, gray = false): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const img = sharp({ create: { width, height, channels: 3, background: rgb } });
  await (gray ? img.toColourspace('b-w') : img)[path.endsWith('.jpg') ? 'jpeg' : 'png']().toFile(path);
}

describe('importFolder with channels 3', () => {
  it('stores RGB interleaved at the working size: colours kept exactly, gray images expanded, the dataset says 3 channels', async () => {
    const root = suite.tmp.path('colours');
    await solidImage(`${root}/red/a.png`, 32, 32, { r: 200, g: 10, b: 20 });
    await solidImage(`${root}/red/b.png`, 50, 40, { r: 180, g: 30, b: 40 });
    await solidImage(`${root}/gray/c.png`, 32, 32, { r: 90, g: 90, b: 90 }, true);
    const r = await importFolder(root, { side: 32, channels: 3 });
    expect(r).toMatchObject({ imported: 3, resized: 2, skipped: [] }); // b: another size; c: one channel
    expect(suite.studio.workspace.dataset).toMatchObject({ name: 'colours', classes: ['gray', 'red'], side: 32, channels: 3 });
    const pixelsOf = (ref: string) => [...suite.studio.workspace.samples.iterate({ withPixels: true })].find((s) => s.sourceRef === ref)!.pixels!;
    const a = pixelsOf('red/a.png');
    expect(a.length).toBe(32 * 32 * 3);
    expect([...a.subarray(0, 6)]).toEqual([200, 10, 20, 200, 10, 20]);
    expect([...a.subarray(a.length - 3)]).toEqual([200, 10, 20]);
    expect([...pixelsOf('red/b.png').subarray(0, 3)]).toEqual([180, 30, 40]);
    expect([...pixelsOf('gray/c.png').subarray(0, 6)]).toEqual([90, 90, 90, 90, 90, 90]);
    // Later imports keep the workspace's channels unless they ask for others, which are refused.
    await solidImage(`${root}-more/red/d.png`, 32, 32, { r: 1, g: 2, b: 3 });
    expect(await importFolder(`${root}-more`)).toMatchObject({ imported: 1 });
    expect(pixelsOf('red/d.png').length).toBe(32 * 32 * 3);
    await solidImage(`${root}-gray/red/e.png`, 32, 32, { r: 1, g: 2, b: 3 });
    await expect(importFolder(`${root}-gray`, { channels: 1 })).rejects.toThrow('This workspace stores RGB images (3 channels); the import asks for grayscale (1). Import it into a new workspace.');
  });

  it('is refused into a workspace that holds grayscale samples, which keeps them as they were', async () => {
    await grayPng(suite.tmp.path('first/happy/a.png'), 1);
    await importFolder(suite.tmp.path('first'));
    await solidImage(suite.tmp.path('colour/happy/b.png'), 48, 48, { r: 200, g: 0, b: 0 });
    await expect(importFolder(suite.tmp.path('colour'), { channels: 3 })).rejects.toThrow('This workspace stores grayscale images (1 channel); the import asks for RGB (3). Import it into a new workspace.');
    expect(suite.studio.workspace.samples.count()).toBe(1);
    expect(suite.studio.workspace.dataset.channels).toBe(1);
  });

  it('takes a CSV list of images the same way', async () => {
    await solidImage(suite.tmp.path('list/img/a.png'), 24, 24, { r: 0, g: 0, b: 250 });
    await solidImage(suite.tmp.path('list/img/b.png'), 24, 24, { r: 0, g: 250, b: 0 });
    writeFileSync(suite.tmp.path('list/pets.csv'), 'path,label\nimg/a.png,cat\nimg/b.png,dog\n');
    expect(await importFolder(suite.tmp.path('list/pets.csv'), { side: 24, channels: 3 })).toMatchObject({ imported: 2, resized: 0 });
    expect(suite.studio.workspace.dataset).toMatchObject({ name: 'pets', channels: 3 });
    expect([...suite.studio.workspace.samples.pixels(0)!.pixels.subarray(0, 3)]).toEqual([0, 0, 250]);
    expect([...suite.studio.workspace.samples.pixels(1)!.pixels.subarray(0, 3)]).toEqual([0, 250, 0]);
  });

  it('refuses channels other than 1 or 3 at the door', async () => {
    await grayPng(suite.tmp.path('any/happy/a.png'), 1);
    await expect(importFolder(suite.tmp.path('any'), { channels: 2 })).rejects.toThrow(/channels/);
    expect(suite.studio.workspace.samples.count()).toBe(0);
  });
});

