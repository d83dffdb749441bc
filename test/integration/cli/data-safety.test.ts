import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { cli } from '../../helpers/capture-io.ts';
import { firstFerRows, writeFerCsv } from '../../helpers/fer-rows.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const tmp = tempDir();
const ws = tmp.path('w.db');
const bytes = (path: string) => readFileSync(path).toString('base64');

beforeAll(async () => {
  writeFerCsv(tmp.path('fer.csv'), await firstFerRows(20));
  expect((await cli('import', tmp.path('fer.csv'), '--workspace', ws)).code).toBe(0);
});
afterAll(() => tmp.cleanup());

// The CLI never creates a workspace or a folder by accident, never replaces a file unasked, and names the path.
describe('fer-studio workspace paths', () => {
  it('--version prints the package version and touches no workspace', async () => {
    const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(await cli('--version', '--workspace', tmp.path('v.db'))).toMatchObject({ code: 0, out: [`fer-studio ${version}`], err: [] });
    expect(existsSync(tmp.path('v.db'))).toBe(false);
  });

  it('a missing workspace file is not created (the error names it and says how to create one)', async () => {
    const path = tmp.path('missing.db');
    const r = await cli('info', '--workspace', path);
    expect(r).toMatchObject({ code: 1, err: [`fer-studio info: not a FER Studio workspace: ${path} (no such file; \`fer-studio init ${path}\` creates one, or add --create).`] });
    expect(existsSync(path)).toBe(false);
  });

  it('a workspace in a missing folder: neither the folder nor the file is created, not even by import', async () => {
    const path = tmp.path('no-such-folder/w.db');
    expect((await cli('label', '0', 'happy', '--workspace', path)).err[0]).toContain(`not a FER Studio workspace: ${path} (its folder ${tmp.path('no-such-folder')} does not exist`);
    expect((await cli('import', tmp.path('fer.csv'), '--workspace', path)).code).toBe(1);
    expect(existsSync(tmp.path('no-such-folder'))).toBe(false);
  });

  it('a directory, a text file and an unrelated SQLite file are refused by name and left untouched', async () => {
    mkdirSync(tmp.path('folder'));
    expect(await cli('info', '--workspace', tmp.path('folder'))).toMatchObject({ code: 1, err: [expect.stringContaining(`fer-studio info: ${tmp.path('folder')} is a directory`)] });
    const before = bytes(tmp.path('fer.csv'));
    expect((await cli('history', '--workspace', tmp.path('fer.csv'))).err).toEqual([`fer-studio history: not a FER Studio workspace: ${tmp.path('fer.csv')} (not an SQLite database).`]);
    expect(bytes(tmp.path('fer.csv'))).toBe(before);
    const other = new Database(tmp.path('other.sqlite'));
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    expect((await cli('info', '--workspace', tmp.path('other.sqlite'))).err).toEqual([`fer-studio info: not a FER Studio workspace: ${tmp.path('other.sqlite')} (an SQLite database without FER Studio tables).`]);
    const again = new Database(tmp.path('other.sqlite'), { readonly: true });
    expect(again.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'notes' }]);
    again.close();
  });

  it('init creates an empty workspace and its folders, and leaves an existing one as it is', async () => {
    const path = tmp.path('new/sub/w.db');
    expect((await cli('init', path)).out).toEqual([`Created an empty workspace ${path}. Next: fer-studio import fer2013.csv.gz --workspace ${path}`]);
    expect((await cli('info', '--json', '--workspace', path)).json()).toMatchObject({ samples: 0 });
    expect(await cli('init', '--workspace', ws, '--json')).toMatchObject({ code: 0, out: [JSON.stringify({ path: ws, created: false })] });
    expect((await cli('info', '--json', '--workspace', ws)).json()).toMatchObject({ samples: 20 });
    expect((await cli('init', tmp.path('fer.csv'))).err[0]).toContain(`not a FER Studio workspace: ${tmp.path('fer.csv')}`);
    expect(await cli('init', tmp.path('a.db'), '--workspace', tmp.path('b.db'))).toMatchObject({ code: 2 });
  });

  it('--create creates a missing workspace (and folders) for any command; import creates one in an existing folder', async () => {
    const created = tmp.path('made/by/create.db');
    expect((await cli('info', '--create', '--json', '--workspace', created)).json()).toMatchObject({ samples: 0 });
    expect(existsSync(created)).toBe(true);
    const imported = tmp.path('fresh.db');
    expect((await cli('import', tmp.path('fer.csv'), '--json', '--workspace', imported)).json()).toMatchObject({ imported: 20 });
    // A dataset that is not there leaves no new workspace behind.
    const r = await cli('import', tmp.path('nothing.csv'), '--workspace', tmp.path('never.db'));
    expect(r).toMatchObject({ code: 1, err: [expect.stringMatching(/File not found or unreadable: .*nothing\.csv/)] });
    expect(existsSync(tmp.path('never.db'))).toBe(false);
  });
});

describe('fer-studio export and scores output paths', () => {
  it('an existing file is replaced only with --force', async () => {
    const out = tmp.path('taken.csv');
    writeFileSync(out, 'precious\n');
    expect(await cli('export', out, '--workspace', ws)).toMatchObject({ code: 1, err: [`fer-studio export: ${out} already exists (--force replaces it).`] });
    expect(await cli('export', out, '--format', 'diff', '--workspace', ws)).toMatchObject({ code: 1 });
    expect(await cli('scores', '--out', out, '--workspace', ws)).toMatchObject({ code: 1, err: [`fer-studio scores: ${out} already exists (--force replaces it).`] });
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    expect(await cli('export', out, '--force', '--json', '--workspace', ws)).toMatchObject({ code: 0 });
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('emotion,pixels,Usage');
  });

  it('a missing folder is not created; a directory is not a file; --force does not apply to folder exports', async () => {
    const nested = tmp.path('no/such/out.csv');
    expect(await cli('export', nested, '--workspace', ws)).toMatchObject({ code: 1, err: [`fer-studio export: folder does not exist: ${tmp.path('no/such')} (create it first).`] });
    expect(await cli('export', tmp.path('no/pngs'), '--format', 'folders', '--workspace', ws)).toMatchObject({ code: 1 });
    expect(existsSync(tmp.path('no'))).toBe(false);
    mkdirSync(tmp.path('dir.csv'));
    expect(await cli('export', tmp.path('dir.csv'), '--workspace', ws)).toMatchObject({ code: 1, err: [`fer-studio export: ${tmp.path('dir.csv')} is a directory.`] });
    expect(await cli('export', tmp.path('pngs'), '--force', '--workspace', ws)).toMatchObject({ code: 2 });
    expect((await cli('export', tmp.path('pngs'), '--json', '--workspace', ws)).json()).toMatchObject({ format: 'folders', rows: 20 });
  });
});
