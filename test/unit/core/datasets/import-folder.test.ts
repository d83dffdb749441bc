import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';
import type { ImportReport } from '../../../../src-main/core/api.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { pixelBytes } from '../../../helpers/fer-fixtures.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';
import { grayPng } from '../../../helpers/gray-png-file.ts';

let tmp: ReturnType<typeof tempDir>;
let studio: Studio;
beforeEach(() => {
  tmp = tempDir();
  studio = new Studio(tmp.path('w.db'));
});
afterEach(async () => {
  await studio.close();
  tmp.cleanup();
});


const importFolder = (path: string, extra: Record<string, unknown> = {}) => studio.call('importFolder', { path, ...extra }) as Promise<ImportReport>;

describe('importFolder', () => {
  it('reads <root>/<split>/<class>/* with train/val/test names (any case), class names or ids, pixels exact', async () => {
    const root = tmp.path('imgs');
    await grayPng(`${root}/train/happy/10.png`, 1);
    await grayPng(`${root}/train/happy/2.png`, 2);
    await grayPng(`${root}/VAL/0/7.png`, 3);
    await grayPng(`${root}/PrivateTest/Neutral/1.png`, 4);
    const r = await importFolder(root);
    expect(r.imported).toBe(4);
    expect(r.resized).toBe(0);
    expect(r.counts).toEqual({ Training: [0, 0, 0, 2, 0, 0, 0], PublicTest: [1, 0, 0, 0, 0, 0, 0], PrivateTest: [0, 0, 0, 0, 0, 0, 1] });
    const rows = [...studio.workspace.samples.iterate()].map((s) => [s.id, s.split, s.label, s.sourceRef]);
    // split order, then class id, then numeric file order (2.png before 10.png)
    expect(rows).toEqual([[0, 'Training', 3, 'train/happy/2.png'], [1, 'Training', 3, 'train/happy/10.png'], [2, 'PublicTest', 0, 'VAL/0/7.png'], [3, 'PrivateTest', 6, 'PrivateTest/Neutral/1.png']]);
    expect(Array.from(studio.workspace.samples.pixels(1)!.pixels)).toEqual(Array.from(pixelBytes(1)));
    await expect(importFolder(root, { split: 'Training' })).rejects.toThrow(/has split folders \(PrivateTest, train, VAL\); a split option applies only to <root>\/<class> folders/);
  });

  it('reads the Kaggle <root>/<class>/* layout with --split, converting and counting non-48x48-gray images', async () => {
    const root = tmp.path('kaggle');
    await grayPng(`${root}/sad/a.png`, 5);
    mkdirSync(`${root}/fear`, { recursive: true });
    await sharp({ create: { width: 64, height: 40, channels: 3, background: { r: 200, g: 10, b: 10 } } }).jpeg().toFile(`${root}/fear/b.jpg`);
    await sharp({ create: { width: 48, height: 48, channels: 4, background: { r: 90, g: 90, b: 90, alpha: 1 } } }).png().toFile(`${root}/fear/c.png`);
    const r = await importFolder(root, { split: 'PublicTest' });
    expect(r).toMatchObject({ imported: 3, resized: 2, skipped: [] });
    expect(r.counts.PublicTest).toEqual([0, 0, 2, 0, 1, 0, 0]);
    const b = studio.workspace.samples.pixels(0)!;
    expect(b.pixels.length).toBe(2304);
    expect(b.pixels[0]).toBeGreaterThan(50); // red-ish converted to a mid gray, not left as RGB
    expect(studio.workspace.samples.get(1)!.sourceRef).toBe('fear/c.png');
    expect(studio.workspace.samples.pixels(1)!.pixels[100]).toBe(90);
  });

  it('in a FER2013 workspace: reports unreadable images, stray files and folders naming no class; --strict writes nothing', async () => {
    await grayPng(tmp.path('first/happy/a.png'), 1);
    await importFolder(tmp.path('first')); // the workspace now holds FER2013, so its classes are the ones a folder may name
    const root = tmp.path('mixed');
    await grayPng(`${root}/happy/ok.png`, 1);
    writeFileSync(`${root}/happy/broken.png`, 'not an image');
    writeFileSync(`${root}/happy/notes.txt`, 'x');
    await grayPng(`${root}/smiling/x.png`, 2);
    await expect(importFolder(root, { strict: true })).rejects.toThrow(/smiling\/: folder 'smiling' is not a class of this dataset \(angry, disgust, fear, happy, sad, surprise, neutral\).*Nothing was imported \(--strict\)/);
    expect(studio.workspace.samples.count()).toBe(1);
    const r = await importFolder(root);
    expect(r.imported).toBe(1);
    expect(r.skipped.map((s) => s.file)).toEqual(['smiling/', 'happy/notes.txt', 'happy/broken.png']);
    expect(r.skipped[2]!.reason).toMatch(/^unreadable image/);
    expect((await importFolder(root)).alreadyPresent).toBe(true);
    expect(studio.workspace.samples.count()).toBe(2);
  });

  it('in an empty workspace, folders that are not all FER2013 classes define a dataset of their own', async () => {
    await grayPng(tmp.path('pets/cat/a.png'), 1);
    await grayPng(tmp.path('pets/Dog/b.png'), 2);
    await grayPng(tmp.path('pets/happy/c.png'), 3);
    const r = await importFolder(tmp.path('pets'));
    expect(r.imported).toBe(3);
    expect(studio.workspace.dataset).toMatchObject({ name: 'pets', classes: ['cat', 'Dog', 'happy'], side: 48 });
    const labelOfRef = (ref: string) => (studio.workspace.db.prepare('SELECT label FROM samples WHERE source_ref = ?').get(ref) as { label: number }).label;
    expect(['cat/a.png', 'Dog/b.png', 'happy/c.png'].map(labelOfRef)).toEqual([0, 1, 2]);
  });

  it('refuses a missing folder and a folder without images', async () => {
    await expect(importFolder(tmp.path('nope'))).rejects.toThrow(/Folder not found or unreadable: .*nope/);
    mkdirSync(tmp.path('empty/happy'), { recursive: true });
    await expect(importFolder(tmp.path('empty'))).rejects.toThrow(/no images found/);
  });
});
