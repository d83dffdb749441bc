import { openDatabase, type Db } from '../store/database.ts';
import type { Workspace } from '../store/workspace.ts';

/**
 * Runs an async import as ONE SQLite transaction: a process killed mid-import leaves none of its rows.
 * better-sqlite3 transactions are synchronous and the import awaits the file stream between batches, so
 * the import writes on a connection of its own (BEGIN IMMEDIATE takes the write lock): nothing the rest of
 * the studio does during those awaits can slip into, or be rolled back with, the import's transaction.
 * An in-memory workspace has no second connection; there the workspace's own connection is used.
 */
export async function withImportTransaction<T>(ws: Workspace, body: (db: Db) => Promise<T>): Promise<T> {
  const separate = ws.path !== ':memory:' && ws.path !== '';
  const db = separate ? openDatabase(ws.path) : ws.db;
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await body(db);
      db.exec('COMMIT');
      return result;
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
  } finally {
    if (separate) db.close();
  }
}
