import { openDatabase, type Db } from '../store/database.ts';
import type { Workspace } from '../store/workspace.ts';

/**
 * Runs an async export against one consistent snapshot: a read transaction on a connection of its own,
 * so label edits made while the export awaits its output never mix two label versions into one file,
 * and the workspace's connection stays free for the rest of the studio. In-memory workspaces share theirs.
 */
export async function withSnapshot<T>(ws: Workspace, body: (db: Db) => Promise<T>): Promise<T> {
  const separate = ws.path !== ':memory:' && ws.path !== '';
  const db = separate ? openDatabase(ws.path, { readonly: true }) : ws.db;
  try {
    if (separate) db.exec('BEGIN');
    return await body(db);
  } finally {
    if (separate) {
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    }
  }
}

export interface ExportSample {
  id: number;
  split: string;
  label: number;
  original: number;
  pixels: Buffer;
}

/** Samples in id order, in pages: no statement stays open across the caller's awaits. */
export function* samplesInPages(db: Db, options: { includeExcluded: boolean; page?: number }): Generator<ExportSample[]> {
  const stmt = db.prepare(
    `SELECT id, split, label, original_label AS original, pixels FROM samples
     WHERE id > ? ${options.includeExcluded ? '' : 'AND excluded = 0'} ORDER BY id LIMIT ?`,
  );
  let after = -1;
  for (;;) {
    const page = stmt.all(after, options.page ?? 2000) as ExportSample[];
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.id;
  }
}
