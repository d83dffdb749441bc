import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../../src-main/core/api.ts';
import { studioPerTest } from '../../../helpers/studio-per-suite.ts';
import { readFerPlusVotes } from '../../../../src-main/core/datasets/ferplus-votes-reader.ts';
import { csvLine, votesLine, writeCsv, writeVotesCsv } from '../../../helpers/fer-fixtures.ts';

const suite = studioPerTest();

const votesOf = (id: number) => suite.studio.workspace.db.prepare('SELECT angry, disgust, fear, happy, sad, surprise, neutral, contempt, unknown, nf FROM votes WHERE sample_id = ?').raw().get(id);

describe('FER+ votes', () => {
  it('maps FER+ columns (neutral, happiness, ...) onto FER2013 class columns', async () => {
    const path = writeVotesCsv(suite.tmp.path('v.csv'), [votesLine('Training', 'fer0000000.png', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]);
    const rows = [];
    for await (const items of readFerPlusVotes(path)) rows.push(...items);
    // angry=anger(5) disgust(6) fear(7) happy=happiness(2) sad=sadness(4) surprise(3) neutral(1) contempt unknown nf
    expect(rows).toEqual([{ ok: true, line: 2, row: 0, split: 'Training', imageName: 'fer0000000.png', votes: [5, 6, 7, 2, 4, 3, 1, 8, 9, 10] }]);
  });

  it('joins by row position, reports Usage mismatches, bad counts and rows beyond the csv', async () => {
    const csv = writeCsv(suite.tmp.path('a.csv'), [csvLine(0, 3), csvLine(1, 0, 'PublicTest'), csvLine(2, 4)]);
    const votes = writeVotesCsv(suite.tmp.path('v.csv'), [
      votesLine('Training', 'fer0000001.png', [0, 10, 0, 0, 0, 0, 0, 0, 0, 0]),
      votesLine('Training', 'fer0000000.png', [0, 0, 0, 0, 10, 0, 0, 0, 0, 0]), // csv says PublicTest
      votesLine('Training', '', [0, 0, 0, 'x' as unknown as number, 0, 0, 0, 0, 0, 10]),
      votesLine('Training', '', [0, 0, 0, 0, 0, 0, 0, 0, 0, 10]),
    ]);
    const r = (await suite.studio.call('importFer2013', { path: csv, votesPath: votes })) as ImportReport;
    expect(r.votes).toEqual({
      imported: 1,
      skipped: [
        { line: 3, reason: "Usage 'Training' does not match row 1's split 'PublicTest' (files out of line?)" },
        { line: 4, reason: "sadness count 'x' is not a whole number" },
        { line: 5, reason: 'no FER2013 row 3 in this workspace' },
      ],
    });
    expect(votesOf(0)).toEqual([0, 0, 0, 10, 0, 0, 0, 0, 0, 0]);
    expect(votesOf(1)).toBeUndefined();
  });

  it('still imports (and updates) votes when the csv was already imported; strict votes roll back', async () => {
    const csv = writeCsv(suite.tmp.path('a.csv'), [csvLine(0, 3)]);
    await suite.studio.call('importFer2013', { path: csv });
    const v1 = writeVotesCsv(suite.tmp.path('v1.csv'), [votesLine('Training', 'a', [0, 9, 0, 0, 0, 0, 0, 0, 1, 0])]);
    const r = (await suite.studio.call('importFer2013', { path: csv, votesPath: v1 })) as ImportReport;
    expect(r).toMatchObject({ alreadyPresent: true, imported: 0, votes: { imported: 1, skipped: [] } });
    expect(votesOf(0)).toEqual([0, 0, 0, 9, 0, 0, 0, 0, 1, 0]);
    const v2 = writeVotesCsv(suite.tmp.path('v2.csv'), [votesLine('Training', 'a', [10, 0, 0, 0, 0, 0, 0, 0, 0, 0])]);
    expect(await suite.studio.call('importVotes', { path: v2 })).toMatchObject({ imported: 1 });
    expect(votesOf(0)).toEqual([0, 0, 0, 0, 0, 0, 10, 0, 0, 0]);
    const bad = writeVotesCsv(suite.tmp.path('bad.csv'), [votesLine('PublicTest', 'a', [0, 0, 0, 0, 0, 0, 0, 0, 0, 10])]);
    await expect(suite.studio.call('importVotes', { path: bad, strict: true })).rejects.toThrow(/bad\.csv line 2: Usage 'PublicTest' does not match/);
    expect(votesOf(0)).toEqual([0, 0, 0, 0, 0, 0, 10, 0, 0, 0]);
  });

  it('refuses votes before any FER2013 csv, and a wrong header', async () => {
    const v = writeVotesCsv(suite.tmp.path('v.csv'), [votesLine('Training', 'a', [10, 0, 0, 0, 0, 0, 0, 0, 0, 0])]);
    await expect(suite.studio.call('importVotes', { path: v })).rejects.toThrow(/import fer2013.csv first/);
    const h = writeCsv(suite.tmp.path('h.csv'), ['Training,a,1'], 'Usage,Image name,neutral');
    await suite.studio.call('importFer2013', { path: writeCsv(suite.tmp.path('a.csv'), [csvLine(0, 3)]) });
    await expect(suite.studio.call('importVotes', { path: h })).rejects.toThrow(/h\.csv line 1: not the expected header 'Usage,Image name,neutral,/);
  });
});
