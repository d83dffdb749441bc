import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataFolderListing, ExportReport, ImportReport, JobInfo, StudioEvent } from '../../../../src-main/core/api.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { firstFerRows, writeFerCsv, writeFerPlusVotes } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';
import { grayPng } from '../../../helpers/gray-png-file.ts';

/** The server's data folder: a page imports and exports by entry name only, never by path (real FER2013 rows). */
describe('data folder methods (the page door)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let studio: Studio;
  const page = (method: string, input: unknown) => studio.call(method, input, 'http');

  beforeEach(async () => {
    tmp = tempDir('fer-data-folder-');
    mkdirSync(tmp.path('data'));
    const rows = await firstFerRows(60);
    writeFerCsv(tmp.path('data/fer2013.csv'), rows);
    writeFerPlusVotes(tmp.path('data/fer2013new.csv'), rows);
    writeFileSync(tmp.path('secret.txt'), 'not for the page');
    studio = new Studio(tmp.path('w.db'), { dataDir: tmp.path('data') });
  });
  afterEach(async () => {
    await studio.close();
    tmp.cleanup();
  });

  it('lists the folder and imports a csv with its FER+ votes by name, reporting progress as an import job', async () => {
    const listing = (await page('dataFolder', {})) as DataFolderListing;
    expect(listing).toMatchObject({ available: true, path: tmp.path('data') });
    expect(listing.entries.map((e) => [e.name, e.kind])).toEqual([['fer2013.csv', 'file'], ['fer2013new.csv', 'file']]);

    const jobs: JobInfo[] = [];
    const stop = studio.subscribe((e: StudioEvent) => e.type === 'job' && jobs.push(e.job));
    const report = (await page('importFromDataFolder', { name: 'fer2013.csv', votesName: 'fer2013new.csv' })) as ImportReport;
    stop();
    expect(report).toMatchObject({ imported: 60, alreadyPresent: false, votes: { imported: 60 } });
    expect(jobs[0]).toMatchObject({ kind: 'import', state: 'running' });
    expect(jobs.at(-1)).toMatchObject({ kind: 'import', state: 'done', progress: { fraction: 1 } });
    expect(new Set(jobs.map((j) => j.id)).size).toBe(1);
  });

  it('refuses paths, hidden names, missing entries and links out of the folder', async () => {
    for (const name of ['../secret.txt', '/etc/passwd', 'a/b.csv', '..', '.hidden', 'a\\b']) {
      await expect(page('importFromDataFolder', { name }), name).rejects.toMatchObject({ code: 'bad-input' });
      await expect(page('exportToDataFolder', { name, format: 'csv' }), name).rejects.toMatchObject({ code: 'bad-input' });
    }
    await expect(page('importFromDataFolder', { name: 'missing.csv' })).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining("No 'missing.csv' in the data folder") });
    symlinkSync(tmp.path('secret.txt'), tmp.path('data/link.csv'));
    await expect(page('importFromDataFolder', { name: 'link.csv' })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('leads out of the data folder') });
    expect(((await page('dataFolder', {})) as DataFolderListing).entries.map((e) => e.name)).not.toContain('link.csv');
    // the path-taking methods stay local
    await expect(page('importFer2013', { path: tmp.path('data/fer2013.csv') })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('imports an image folder at the working size, channels and mirroring the page chose; a csv refuses them', async () => {
    for (const [i, cls] of ['cat', 'dog', 'cat'].entries()) await grayPng(tmp.path(`data/pets/${cls}/${i}.png`), i);
    const report = (await page('importFromDataFolder', { name: 'pets', side: 32, channels: 3, mirrorable: false })) as ImportReport;
    expect(report).toMatchObject({ imported: 3, resized: 3 });
    expect(studio.workspace.dataset).toMatchObject({ classes: ['cat', 'dog'], side: 32, channels: 3, mirrorable: false });
    await expect(page('importFromDataFolder', { name: 'fer2013.csv', side: 48 })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('image folder') });
    await expect(page('importFromDataFolder', { name: 'pets', side: 50 })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('expected one of') });
  });

  it('exports to a new name, never over an existing entry unless asked, and never over the workspace', async () => {
    await page('importFromDataFolder', { name: 'fer2013.csv' });
    const first = (await page('exportToDataFolder', { name: 'cleaned.csv', format: 'csv' })) as ExportReport;
    expect(first).toMatchObject({ out: tmp.path('data/cleaned.csv'), rows: 60 });
    expect(readFileSync(tmp.path('data/cleaned.csv'))).toEqual(readFileSync(tmp.path('data/fer2013.csv')));
    await expect(page('exportToDataFolder', { name: 'cleaned.csv', format: 'csv' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already exists') });
    await studio.call('setLabel', { ids: [0], label: 6 });
    await page('exportToDataFolder', { name: 'cleaned.csv', format: 'csv', replace: true });
    expect(readFileSync(tmp.path('data/cleaned.csv'), 'utf8').split('\n')[1]!.startsWith('6,')).toBe(true);
    await page('exportToDataFolder', { name: 'changes.csv', format: 'diff' });
    expect(readFileSync(tmp.path('data/changes.csv'), 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
    await page('exportToDataFolder', { name: 'images', format: 'folders' });
    expect(existsSync(tmp.path('data/images/Training'))).toBe(true);
    await expect(page('exportToDataFolder', { name: 'images', format: 'csv', replace: true })).rejects.toMatchObject({ code: 'conflict' });

    const inWorkspaceDir = new Studio(tmp.path('w2.db'), { dataDir: tmp.dir });
    try {
      await expect(inWorkspaceDir.call('exportToDataFolder', { name: 'w2.db', format: 'csv', replace: true }, 'http')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining("workspace's own") });
    } finally {
      await inWorkspaceDir.close();
    }
  });

  it('without a data folder the page is told how to get one', async () => {
    const bare = new Studio(tmp.path('w3.db'));
    try {
      expect(await bare.call('dataFolder', {}, 'http')).toMatchObject({ available: false, path: null, entries: [], reason: expect.stringContaining('--data-dir') });
      await expect(bare.call('importFromDataFolder', { name: 'fer2013.csv' }, 'http')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('--data-dir') });
    } finally {
      await bare.close();
    }
  });
});
