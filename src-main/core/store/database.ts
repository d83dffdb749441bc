import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';

export type Db = Database.Database;

export class WorkspaceVersionError extends Error {}

/**
 * How long a write waits for another process's write (a CLI beside the app, a second server) before SQLITE_BUSY.
 * better-sqlite3 waits synchronously, freezing the door meanwhile: every write but an import takes milliseconds,
 * and an import (one long transaction) outlasts any sensible wait, so waiting longer would only freeze longer.
 */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (or creates) a workspace file: WAL, 8 KiB pages (48x48 BLOBs fit two to a page),
 * then migrates it to the current schema. A file written by a newer FER Studio is refused.
 * Writers wait for each other (busy timeout); every multi-statement write is an immediate transaction
 * (`db.transaction(fn).immediate()`), since SQLite gives up at once when a read transaction turns into a write.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false, timeout: BUSY_TIMEOUT_MS });
  try {
    if (!options.readonly) {
      // page_size only takes effect on an empty file, before WAL is switched on.
      db.pragma('page_size = 8192');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    // Off while migrating: a migration may rebuild a table others reference (SQLite's documented way to change a
    // constraint); migrate() checks every reference before it commits.
    db.pragma('foreign_keys = OFF');
    migrate(db, options.readonly ?? false);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function schemaVersion(db: Db): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!hasTable) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

function migrate(db: Db, readonly: boolean): void {
  const found = schemaVersion(db);
  checkVersion(found, readonly);
  if (found === SCHEMA_VERSION) return;
  // Immediate, and the version read again under the write lock: two processes opening an old file at once
  // migrate it once.
  db.transaction(() => {
    const current = schemaVersion(db);
    checkVersion(current, readonly);
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
    for (let v = current; v < SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v]!);
      record.run(v + 1, new Date().toISOString());
    }
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length) throw new Error(`Migrating to schema v${SCHEMA_VERSION} left ${broken.length} broken reference(s); the workspace was not changed.`);
  }).immediate();
}

function checkVersion(current: number, readonly: boolean): void {
  if (current > SCHEMA_VERSION) {
    throw new WorkspaceVersionError(
      `This workspace was written by a newer FER Studio (schema v${current}; this version reads up to v${SCHEMA_VERSION}). Update FER Studio to open it.`,
    );
  }
  if (current < SCHEMA_VERSION && readonly) throw new WorkspaceVersionError(`Workspace schema v${current} needs a migration to v${SCHEMA_VERSION}; open it writable.`);
}
