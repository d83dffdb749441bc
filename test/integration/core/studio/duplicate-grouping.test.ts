import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicateReport, ImportReport, JobInfo, SampleDetail } from '../../../../src-main/core/api.ts';
import { DuplicateStore } from '../../../../src-main/core/store/duplicates.ts';
import { Studio } from '../../../../src-main/core/studio/studio.ts';
import { firstFerRows, writeFerCsv, type FerRow } from '../../../helpers/fer-rows.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

// Real FER2013 rows with copies seen by eye: 21/6633/7429 one photo, 3756/5066 one photo labelled surprise and fear,
// 6458/7629 blank images with two labels. A studio told to group in a worker beyond 0 samples takes the large
// workspace's path: the import returns before the groups exist, and what needs them waits.
const PICKED = [...Array.from({ length: 10 }, (_, i) => i), 21, 3756, 5066, 6458, 6633, 7429, 7629];
const tmp = tempDir();
let rows: FerRow[];

beforeAll(async () => {
  const wanted = new Set(PICKED);
  rows = (await firstFerRows(7630)).filter((r) => wanted.has(r.row));
  writeFerCsv(tmp.path('picked.csv'), rows);
}, 60_000);
afterAll(() => tmp.cleanup());

/** The groups as sets of source rows, for comparing two workspaces. */
const groupRows = (r: DuplicateReport) => r.items.map((g) => g.members.map((m) => rows[m.sampleId]!.row)).sort((a, b) => a[0]! - b[0]!);

describe('near-duplicates of a large workspace are grouped in a worker', () => {
  it('the import returns first; the duplicates report waits and equals the in-process grouping; job events say so', async () => {
    const inProcess = new Studio(tmp.path('small.db'));
    await inProcess.call('importFer2013', { path: tmp.path('picked.csv') });
    const expected = (await inProcess.call('duplicates', {})) as DuplicateReport;
    await inProcess.close();
    expect(expected.groups).toBe(3);

    const studio = new Studio(tmp.path('large.db'), { groupInProcessUpTo: 0 });
    const jobs: JobInfo[] = [];
    studio.events.subscribe((e) => e.type === 'job' && e.job.kind === 'duplicates' && jobs.push(e.job));
    try {
      const report = (await studio.call('importFer2013', { path: tmp.path('picked.csv') })) as ImportReport;
      expect(report.groupingDuplicates).toBe(true);
      expect(new DuplicateStore(studio.workspace.db).stamp()).toBeNull(); // not grouped yet: the import did not wait
      // a sample's panel does not wait for the grouping either: row 21's copies are not known yet
      const copied = rows.findIndex((r) => r.row === 21);
      expect(((await studio.call('getSample', { id: copied })) as SampleDetail).duplicates).toBeNull();
      const got = (await studio.call('duplicates', {})) as DuplicateReport;
      expect(groupRows(got)).toEqual(groupRows(expected));
      expect(got).toMatchObject({ groups: 3, conflicting: expected.conflicting, maxDistance: expected.maxDistance });
      expect(jobs[0]).toMatchObject({ kind: 'duplicates', state: 'running' });
      expect(jobs.at(-1)).toMatchObject({ kind: 'duplicates', state: 'done' });
      // up to date now: the next reader starts nothing
      expect(((await studio.call('getSample', { id: copied })) as SampleDetail).duplicates?.members).toHaveLength(3);
      expect(studio.grouping.busy).toBe(false);
    } finally {
      await studio.close();
    }
  }, 60_000);

  it('a studio closed while grouping stops its worker and leaves no half-made groups; the next one groups again', async () => {
    const path = tmp.path('closed.db');
    const first = new Studio(path, { groupInProcessUpTo: 0 });
    const report = (await first.call('importFer2013', { path: tmp.path('picked.csv') })) as ImportReport;
    expect(report.groupingDuplicates).toBe(true);
    await first.close();
    const second = new Studio(path, { groupInProcessUpTo: 0 });
    try {
      const stamp = new DuplicateStore(second.workspace.db).stamp();
      const members = second.workspace.db.prepare('SELECT COUNT(*) FROM duplicate_members').pluck().get() as number;
      // either the worker finished before it was stopped (whole groups) or it wrote nothing
      expect(stamp === null ? members : stamp.samples).toBe(stamp === null ? 0 : rows.length);
      expect(((await second.call('duplicates', {})) as DuplicateReport).groups).toBe(3);
    } finally {
      await second.close();
    }
  }, 60_000);
});
