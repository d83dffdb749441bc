import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../../src-main/core/store/database.ts';
import { toApiError } from '../../../../src-main/core/studio/dispatch.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('toApiError', () => {
  it('a write that waited out the busy timeout is a "busy" error that says why, not an internal one', () => {
    const holder = openDatabase(tmp.path('w.db'));
    const other = new Database(tmp.path('w.db'), { timeout: 10 });
    try {
      holder.exec('BEGIN IMMEDIATE');
      let thrown: unknown;
      try {
        other.exec('BEGIN IMMEDIATE');
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Database.SqliteError);
      expect(toApiError(thrown)).toEqual({ code: 'busy', message: expect.stringContaining('another process') });
    } finally {
      holder.exec('ROLLBACK');
      other.close();
      holder.close();
    }
  });
});
