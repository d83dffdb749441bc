import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase, schemaVersion, WorkspaceVersionError } from '../../../../src-main/core/store/database.ts';
import { SCHEMA_VERSION } from '../../../../src-main/core/store/migrations.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

describe('workspace database migrations', () => {
  it('creates a fresh file at the current schema version with every table, WAL and 8 KiB pages', () => {
    const db = openDatabase(tmp.path('fresh.db'));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).toEqual(expect.arrayContaining(['samples', 'sources', 'votes', 'label_batches', 'label_events', 'runs', 'predictions', 'scans', 'flags', 'schema_version']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('page_size', { simple: true })).toBe(8192);
    db.close();
    // Reopening an up-to-date file changes nothing.
    const again = openDatabase(tmp.path('fresh.db'));
    expect((again.prepare('SELECT COUNT(*) AS n FROM schema_version').get() as { n: number }).n).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('migrates an older file (version 0: a schema_version table and no other tables)', () => {
    const raw = new Database(tmp.path('old.db'));
    raw.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    expect(tables(raw)).toEqual(['schema_version']);
    raw.close();
    const db = openDatabase(tmp.path('old.db'));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(tables(db)).toContain('samples');
    db.close();
  });

  it('refuses a file written by a newer version with a clear message, and leaves it untouched', () => {
    const raw = new Database(tmp.path('new.db'));
    raw.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    raw.prepare('INSERT INTO schema_version VALUES (?, ?)').run(SCHEMA_VERSION + 1, 'later');
    raw.close();
    expect(() => openDatabase(tmp.path('new.db'))).toThrow(WorkspaceVersionError);
    expect(() => openDatabase(tmp.path('new.db'))).toThrow(`written by a newer FER Studio (schema v${SCHEMA_VERSION + 1}; this version reads up to v${SCHEMA_VERSION})`);
    const check = new Database(tmp.path('new.db'));
    expect(tables(check)).toEqual(['schema_version']);
    check.close();
  });

  it('a read-only open of an old file asks for a writable open instead of migrating', () => {
    const raw = new Database(tmp.path('ro.db'));
    raw.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    raw.close();
    expect(() => openDatabase(tmp.path('ro.db'), { readonly: true })).toThrow(/needs a migration to v\d+; open it writable/);
  });
});
