import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import type { ImportReport } from '../../../../src-main/core/api.ts';
import { badListedPath, csvFields, isImageListHeader, listImageCsv } from '../../../../src-main/core/datasets/image-list-reader.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { grayPng } from '../../../helpers/gray-png-file.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('image list CSV parts', () => {
  it('splits fields on commas, with quoted fields that hold commas and doubled quotes', () => {
    expect(csvFields('a.png,cat')).toEqual(['a.png', 'cat']);
    expect(csvFields('"my, photo.png","say ""hi""",train')).toEqual(['my, photo.png', 'say "hi"', 'train']);
    expect(csvFields('a.png,,')).toEqual(['a.png', '', '']);
  });

  it('knows its headers from fer2013.csv', () => {
    expect(isImageListHeader('path,label')).toBe(true);
    expect(isImageListHeader('Path, Label, Split\r')).toBe(true);
    expect(isImageListHeader('emotion,pixels,Usage')).toBe(false);
  });

  it('reads only paths inside the list folder', () => {
    expect(badListedPath('cats/1.png')).toBeNull();
    expect(badListedPath('./a/../b.png')).toBeNull();
    expect(badListedPath('/etc/passwd')).toBe('an absolute path (paths are relative to the CSV)');
    expect(badListedPath('../secret.png')).toBe("a path outside the CSV's folder");
    expect(badListedPath('a/../../x.png')).toBe("a path outside the CSV's folder");
    expect(badListedPath('')).toBe('an empty path');
  });
});

describe('importing an image list', () => {
  it('lists images with their labels and splits; bad lines are reported by number, never read', async () => {
    await grayPng(tmp.path('img/a.png'), 1);
    await grayPng(tmp.path('img/b.png'), 2);
    await grayPng(tmp.path('img/c.png'), 3);
    writeFileSync(tmp.path('list.csv'), ['path,label,split', 'img/a.png,cat,train', 'img/b.png,Dog,val', 'img/c.png,cat,test', '../x.png,cat,train', 'img/a.png,cat', 'img/a.png,cat,holdout', ''].join('\n'));
    const listing = await listImageCsv(tmp.path('list.csv'));
    expect(listing.classes).toEqual(['cat', 'Dog']);
    expect(listing.images.map((i) => [i.ref, i.label, i.split])).toEqual([['img/a.png', 0, 'Training'], ['img/b.png', 1, 'PublicTest'], ['img/c.png', 0, 'PrivateTest']]);
    expect(listing.skipped).toEqual([
      { file: 'line 5', reason: "a path outside the CSV's folder" },
      { file: 'line 6', reason: 'expected 3 fields, got 2' },
      { file: 'line 7', reason: 'unknown split (expected train, val, test or Training, PublicTest, PrivateTest)' },
    ]);
    // with the workspace's classes, a label naming none of them is reported
    expect((await listImageCsv(tmp.path('list.csv'), undefined, ['cat'])).skipped.at(-1)).toEqual({ file: 'line 3', reason: "'Dog' is not a class of this dataset" });
  });

  it('imports through the studio as its own dataset, and refuses a file that is no image list', async () => {
    await grayPng(tmp.path('img/a.png'), 1);
    await grayPng(tmp.path('img/b.png'), 2);
    writeFileSync(tmp.path('pets.csv'), 'path,label\nimg/a.png,cat\nimg/b.png,dog\n');
    writeFileSync(tmp.path('other.csv'), 'file,class\nimg/a.png,cat\n');
    const studio = new Studio(tmp.path('w.db'));
    try {
      const r = (await studio.call('importFolder', { path: tmp.path('pets.csv'), side: 24 })) as ImportReport;
      expect(r).toMatchObject({ imported: 2, skipped: [], counts: { Training: [1, 1], PublicTest: [0, 0], PrivateTest: [0, 0] } });
      expect(studio.workspace.dataset).toMatchObject({ name: 'pets', classes: ['cat', 'dog'], side: 24 });
      await expect(studio.call('importFolder', { path: tmp.path('other.csv') })).rejects.toThrow(/other\.csv line 1: not an image list header \(expected path,label or path,label,split\)\./);
    } finally {
      await studio.close();
    }
  });
});
