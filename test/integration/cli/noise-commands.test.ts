import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { CLASS_NAMES } from '../../../src-common/classes.ts';
import { SCORES_HEADER } from '../../../src-main/cli/commands/scores.ts';
import { cli } from '../../helpers/capture-io.ts';
import { ferPlusPath, firstFerRows, writeFerCsv, type FerRow } from '../../helpers/fer-rows.ts';
import { tempDir } from '../../helpers/temp-workspace.ts';

const tmp = tempDir();
const ws = ['--workspace', tmp.path('w.db')];
let rows: FerRow[];

beforeAll(async () => {
  rows = await firstFerRows(600);
  writeFerCsv(tmp.path('first600.csv'), rows);
  // FER+ votes line up with fer2013.csv by row: the first 600 rows of the votes file go with these
  expect((await cli('import', tmp.path('first600.csv'), '--votes', ferPlusPath(), ...ws)).code).toBe(0);
});
afterAll(() => tmp.cleanup());

// scan -> scans -> scores -> eval-noise -> noise-matrix through runCli, on the first 600 real FER2013 rows
// (a real 2-fold scan with cnn-tiny for one epoch: seconds, in fold worker processes).
describe('fer-studio noise commands', () => {
  it('before any scan, each says so and exits 1', async () => {
    for (const args of [['scores', '--out', tmp.path('none.csv')], ['eval-noise'], ['noise-matrix']]) {
      const r = await cli(...args, ...ws);
      expect(r.code, args[0]).toBe(1);
      expect(r.err.join('\n'), args[0]).toMatch(/No finished (label-noise )?scan/);
    }
    expect((await cli('scans', ...ws)).out).toEqual(['No scans yet: `fer-studio scan` starts one.']);
  });

  it('scan --json reports the finished scan; scans lists it', async () => {
    const r = await cli('scan', '--model', 'cnn-tiny', '--folds', '2', '--epochs', '1', '--limit', '400', '--seed', '5', '--json', ...ws);
    expect(r.code, r.err.join('\n')).toBe(0);
    const { job, scan } = r.json() as { job: { state: string }; scan: { id: number; scored: number; limit: number; status: string } };
    expect(job.state).toBe('done');
    expect(scan).toMatchObject({ status: 'done', scored: 400, limit: 400 });
    const list = await cli('scans', ...ws);
    expect(list.out[0]!.split('\t').slice(0, 3)).toEqual(['id', 'status', 'model']);
    expect(list.out[1]!.split('\t').slice(0, 6)).toEqual([String(scan.id), 'done', 'cnn-tiny', '2', '1', 'Training (400)']);
  });

  it('scores writes the issue\'s CSV: one line per scored sample, row = index in fer2013.csv', async () => {
    const out = tmp.path('scores.csv');
    const r = await cli('scores', '--out', out, ...ws);
    expect(r.code).toBe(0);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const [header, ...lines] = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(header).toBe(SCORES_HEADER);
    // the issue's columns first, as they were; the duplicate columns after them
    expect(header).toBe('row,split,label,suggested,score,self_confidence,margin,issue,duplicate_group,duplicate_conflict');
    expect(lines).toHaveLength(400);
    const parsed = lines.map((l) => l.split(','));
    const scores = parsed.map((f) => Number(f[4]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a)); // ranked, most likely wrong first
    for (const [row, split, label, suggested, , selfConfidence, margin, issue] of parsed) {
      expect(rows[Number(row)]!.emotion).toBe(Number(label)); // the label is that csv row's
      expect(split).toBe('Training');
      expect(Number(suggested)).not.toBe(Number(label));
      expect(Number(selfConfidence)).toBeGreaterThanOrEqual(0);
      expect(Math.abs(Number(margin))).toBeLessThanOrEqual(1);
      expect(['0', '1']).toContain(issue);
    }
    const grouped = parsed.filter((f) => f[8] !== '');
    expect(parsed.every((f) => f.length === 10 && (f[8] === '' ? f[9] === '' : ['0', '1'].includes(f[9]!)))).toBe(true);
    // every grouped row's copies found by the duplicates command carry the same group
    const report = (await cli('duplicates', '--json', ...ws)).json() as { items: Array<{ members: Array<{ sampleId: number }> }> };
    const groupOf = new Map(report.items.flatMap((g) => g.members.map((m) => [m.sampleId, String(g.members[0]!.sampleId)] as const)));
    expect(grouped.map((f) => f[8])).toEqual(grouped.map((f) => groupOf.get(Number(f[0]))));
    expect(parsed.filter((f) => groupOf.has(Number(f[0])))).toHaveLength(grouped.length);
  });

  it('eval-noise and noise-matrix read the same scan; bad flags are usage errors', async () => {
    const ev = (await cli('eval-noise', '--json', ...ws)).json() as { truthSamples: number; auroc: number; precisionAt: Record<string, number> };
    expect(ev.truthSamples).toBeGreaterThan(250);
    expect(ev.auroc).toBeGreaterThan(0);
    expect(Object.keys(ev.precisionAt).every((k) => Number(k) <= ev.truthSamples)).toBe(true); // no precision@k past the data

    const m = await cli('noise-matrix', ...ws);
    expect(m.code).toBe(0);
    expect(m.out[0]).toMatch(/^Scan \d+: confident learning estimates \d+ of 400 labels are wrong/);
    expect(m.out[2]!.trim().split(/\s+/)).toEqual([...CLASS_NAMES]);
    const o = (await cli('noise-matrix', '--json', ...ws)).json() as { estimatedErrors: number[][] };
    expect(m.out.slice(3, 10).map((l) => l.trim().split(/\s+/).slice(1).map(Number))).toEqual(o.estimatedErrors);

    expect((await cli('noise-matrix', '--scan', 'x', ...ws)).code).toBe(2);
    expect((await cli('noise-matrix', '--scan', '99', ...ws)).err.join('\n')).toMatch(/No scan with id 99/);
  });
});
