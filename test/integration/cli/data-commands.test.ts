import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CLASS_NAMES } from '../../../src-common/classes.ts';
import { Studio } from '../../../src-main/core/studio/studio.ts';
import { cli } from '../../helpers/capture-io.ts';
import { ferCsvText, firstFerRows, writeFerCsv, type FerRow } from '../../helpers/fer-rows.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const tmp = tempDir();
const ws = ['--workspace', tmp.path('w.db')];
let rows: FerRow[];

beforeAll(async () => {
  rows = await firstFerRows(30);
  writeFerCsv(tmp.path('first30.csv'), rows);
});
afterAll(() => tmp.cleanup());

// import, info, label, history, export end to end through runCli, on real FER2013 rows.
describe('fer-studio data commands', () => {
  it('import prints a per-split/per-class table, --json the full report; re-import writes nothing', async () => {
    const human = await cli('import', tmp.path('first30.csv'), ...ws);
    expect(human.code).toBe(0);
    expect(human.out[0]).toMatch(/^Imported 30 samples from .*first30\.csv in \d+\.\d s\.$/);
    const perClass = [0, 1, 2, 3, 4, 5, 6].map((c) => rows.filter((r) => r.emotion === c).length);
    expect(human.out).toContain('  ' + ['Training'.padEnd(12), ...[...perClass, 30].map((n) => String(n).padStart(9))].join(''));
    const again = await cli('import', tmp.path('first30.csv'), ...ws, '--json');
    expect(again.json()).toMatchObject({ alreadyPresent: true, imported: 0 });
  });

  it('info shows counts and sources; --json adds the engine report or its error', async () => {
    const human = await cli('info', ...ws);
    expect(human.code).toBe(0);
    expect(human.out.join('\n')).toMatch(/30 samples, 0 with FER\+ votes, 0 excluded, 0 relabelled/);
    expect(human.out.some((l) => l.startsWith('engine: '))).toBe(true);
    const info = (await cli('info', ...ws, '--json')).json();
    expect(info).toMatchObject({ samples: 30, votes: 0, changed: 0, sources: [{ kind: 'fer2013-csv', rows: 30 }] });
    expect(info.engine).toBeDefined();
  });

  it('label takes several rows and a class name or id as one undo step; history lists the events', async () => {
    const r = await cli('label', '0', '1', '2', 'happy', ...ws, '--json');
    expect(r.json()).toMatchObject({ changed: 3, canUndo: true });
    expect((await cli('label', '4', '5', ...ws)).out).toEqual(['Relabelled 1 sample(s) as surprise. Label version 4.']);
    const hist = (await cli('history', ...ws, '--json')).json() as Array<{ sampleId: number; batchId: number; reason: string }>;
    expect(hist.map((e) => e.sampleId)).toEqual([4, 2, 1, 0]);
    expect(new Set(hist.slice(1).map((e) => e.batchId)).size).toBe(1);
    expect(hist[1]!.reason).toBe('bulk');
    const one = await cli('history', '4', ...ws);
    expect(one.out).toHaveLength(2);
    expect(one.out[1]).toMatch(new RegExp(`^\\s+4\\s+\\d+\\s+4\\s+label\\s+${CLASS_NAMES[rows[4]!.emotion]} -> surprise\\s+manual`));
    expect((await cli('history', ...ws, '--limit', '2', '--json')).json()).toHaveLength(2);
    expect((await cli('undo', ...ws)).out[0]).toMatch(/^Undid: 1 sample relabelled to surprise \(a step made from the command line, \d{4}-/);
    expect((await cli('history', '4', ...ws, '--json')).json()[0]).toMatchObject({ reason: 'undo', from: 5, to: rows[4]!.emotion });
    // a page's step: the CLI says whose it undoes
    const page = new Studio(tmp.path('w.db'));
    try {
      await page.call('setLabel', { ids: [5], label: 0 }, { door: 'http', client: 'tab1' });
    } finally {
      await page.close();
    }
    expect((await cli('undo', ...ws)).out[0]).toMatch(/^Undid: 1 sample relabelled to angry \(made by another browser tab, /);
    expect((await cli('redo', ...ws, '--json')).json()).toMatchObject({ changed: 1, step: { by: 'another browser tab', mine: false } });
    await cli('undo', ...ws);
  });

  it('export writes csv (format from the extension), a diff and folders; --keep-excluded keeps excluded rows', async () => {
    const csv = await cli('export', tmp.path('out.csv'), ...ws, '--json');
    expect(csv.json()).toMatchObject({ format: 'csv', rows: 30 });
    const expected = ferCsvText(rows.map((r) => (r.row <= 2 ? { ...r, emotion: 3 } : r)));
    expect(readFileSync(tmp.path('out.csv'), 'latin1')).toBe(expected);
    const diff = await cli('export', tmp.path('changes.csv'), '--format', 'diff', ...ws);
    expect(diff.out[0]).toMatch(/^Wrote 3 changed labels to/);
    expect(readFileSync(tmp.path('changes.csv'), 'utf8').split('\n').slice(0, 2)).toEqual(['row,original,current,reason,time', expect.stringMatching(new RegExp(`^0,${CLASS_NAMES[rows[0]!.emotion]},happy,bulk,`))]);
    const folders = await cli('export', tmp.path('pngs'), ...ws, '--json');
    expect(folders.json()).toMatchObject({ format: 'folders', rows: 30 });
    // Exclusion has no command of its own here; set it through the core, then export both ways.
    const studio = new Studio(tmp.path('w.db'));
    try {
      await studio.call('setExcluded', { ids: [3], excluded: true });
      expect((await cli('export', tmp.path('dropped.csv.gz'), ...ws, '--json')).json()).toMatchObject({ rows: 29 });
      expect((await cli('export', tmp.path('kept.csv'), '--keep-excluded', ...ws, '--json')).json()).toMatchObject({ rows: 30 });
      expect(readFileSync(tmp.path('kept.csv'), 'latin1')).toBe(expected);
      await studio.call('setExcluded', { ids: [3], excluded: false });
    } finally {
      await studio.close();
    }
    const happy = rows.filter((r) => r.row <= 2 || r.emotion === 3).map((r) => `${r.row}.png`);
    expect(readdirSync(tmp.path('pngs/Training/happy')).sort()).toEqual(happy.sort());
  });

  it('bad input: usage errors exit 2, data errors exit 1 with the reason on stderr and nothing written', async () => {
    expect(await cli('label', '5', 'smiling', ...ws)).toMatchObject({ code: 2, err: [expect.stringMatching(/class: unknown class 'smiling' \(expected angry, disgust, fear, happy, sad, surprise, neutral or 0..6\)/)] });
    expect((await cli('label', '99999', 'happy', ...ws)).err[0]).toMatch(/No sample with id 99999/);
    expect(await cli('export', tmp.path('x.txt'), ...ws)).toMatchObject({ code: 2 });
    expect(await cli('import', tmp.path('first30.csv'), '--bogus', ...ws)).toMatchObject({ code: 2, err: [expect.stringMatching(/Unknown option: --bogus/)] });
    expect(await cli('import', tmp.path('missing.csv'), ...ws)).toMatchObject({ code: 1, err: [expect.stringMatching(/File not found or unreadable: .*missing\.csv/)] });
    writeFileSync(tmp.path('bad.csv'), `emotion,pixels,Usage\n${ferCsvText(rows.slice(0, 2)).split('\n')[1]}\n3,1 2 3,Training\n`);
    const strict = await cli('import', tmp.path('bad.csv'), '--strict', ...ws);
    expect(strict).toMatchObject({ code: 1, err: [expect.stringMatching(/bad\.csv line 3: expected 2304 pixel values, got 3\. Nothing was imported \(--strict\)/)] });
    expect((await cli('info', ...ws, '--json')).json().samples).toBe(30);
    const lenient = await cli('import', tmp.path('bad.csv'), ...ws);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain('  line 3: expected 2304 pixel values, got 3');
  });

  it('imports an image folder with --split (Kaggle <class>/* layout)', async () => {
    const r = await cli('import', tmp.path('pngs/Training'), '--split', 'test', ...ws, '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ imported: 30, resized: 0 });
    expect(r.json().counts.PrivateTest.reduce((a: number, b: number) => a + b, 0)).toBe(30);
  });
});
