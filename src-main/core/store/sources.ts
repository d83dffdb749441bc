import type { Db } from './database.ts';

export type SourceKind = 'fer2013-csv' | 'image-folder' | 'idx';

export interface SourceRecord {
  id: number;
  kind: SourceKind;
  path: string;
  fingerprint: string;
  importedAt: string;
  rowCount: number;
  info: Record<string, unknown>;
}

const SELECT = 'SELECT id, kind, path, fingerprint, imported_at AS importedAt, row_count AS rowCount, info FROM sources';

function toRecord(r: Record<string, unknown>): SourceRecord {
  return { ...(r as unknown as SourceRecord), info: JSON.parse(r.info as string) as Record<string, unknown> };
}

/** The sources table: one row per imported file or folder, identified by its content fingerprint. */
export class SourceStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  list(): SourceRecord[] {
    return (this.db.prepare(`${SELECT} ORDER BY id`).all() as Record<string, unknown>[]).map(toRecord);
  }

  byFingerprint(fingerprint: string): SourceRecord | null {
    const r = this.db.prepare(`${SELECT} WHERE fingerprint = ?`).get(fingerprint) as Record<string, unknown> | undefined;
    return r ? toRecord(r) : null;
  }

  /** The newest FER2013 csv source: the one FER+ votes join to by row position. */
  latestFer2013(): SourceRecord | null {
    const r = this.db.prepare(`${SELECT} WHERE kind = 'fer2013-csv' ORDER BY id DESC LIMIT 1`).get() as Record<string, unknown> | undefined;
    return r ? toRecord(r) : null;
  }

  /** Inserts the row before its samples (they reference it); the row count is set when the import is done. */
  add(s: { kind: SourceKind; path: string; fingerprint: string; info?: Record<string, unknown> }): number {
    return Number(
      this.db
        .prepare('INSERT INTO sources (kind, path, fingerprint, imported_at, row_count, info) VALUES (?, ?, ?, ?, 0, ?)')
        .run(s.kind, s.path, s.fingerprint, new Date().toISOString(), JSON.stringify(s.info ?? {})).lastInsertRowid,
    );
  }

  finish(id: number, rowCount: number, info: Record<string, unknown>): void {
    this.db.prepare('UPDATE sources SET row_count = ?, info = ? WHERE id = ?').run(rowCount, JSON.stringify(info), id);
  }
}
