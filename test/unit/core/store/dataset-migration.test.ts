import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase, schemaVersion } from '../../../../src-main/core/store/database.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../src-main/core/store/migrations.ts';
import { Workspace } from '../../../../src-main/core/store/workspace.ts';
import { FER2013_DATASET } from '../../../../src-common/dataset.ts';
import { tempDir } from '../../../helpers/temp-workspace.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A workspace file as FER Studio wrote it at schema v5: two samples, one relabelled, votes and a flag-free scan-less history. */
function writeV5(path: string): void {
  const raw = new Database(path);
  raw.pragma('foreign_keys = ON');
  raw.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  for (let v = 0; v < 5; v++) {
    raw.exec(MIGRATIONS[v]!);
    raw.prepare('INSERT INTO schema_version VALUES (?, ?)').run(v + 1, 'then');
  }
  raw.prepare("INSERT INTO sources (id, kind, path, fingerprint, imported_at, row_count) VALUES (1, 'fer2013-csv', '/data/fer2013.csv', 'abc', 'then', 2)").run();
  const sample = raw.prepare('INSERT INTO samples (id, source_id, source_row, split, pixels, original_label, label) VALUES (?, 1, ?, ?, ?, ?, ?)');
  sample.run(0, 0, 'Training', Buffer.alloc(2304, 7), 3, 3);
  sample.run(1, 1, 'PublicTest', Buffer.alloc(2304, 9), 0, 6);
  raw.prepare('INSERT INTO votes VALUES (1, 0, 0, 0, 0, 0, 0, 9, 0, 1, 0)').run();
  raw.prepare("INSERT INTO label_batches (id, reason, created_at, actor) VALUES (1, 'manual', 'then', 'local:cli')").run();
  raw.prepare("INSERT INTO label_events (batch_id, sample_id, field, from_value, to_value, reason, created_at) VALUES (1, 1, 'label', 0, 6, 'manual', 'then')").run();
  // v5 refused any label beyond FER2013's 7 classes:
  expect(() => raw.prepare('UPDATE samples SET label = 9 WHERE id = 0').run()).toThrow(/CHECK constraint failed/);
  raw.close();
}

describe('schema v6: datasets beyond FER2013', () => {
  it('migrates a v5 workspace: every row, vote and label event kept, references intact, the dataset read as FER2013', () => {
    const path = tmp.path('v5.db');
    writeV5(path);
    const ws = Workspace.open(path);
    try {
      expect(schemaVersion(ws.db)).toBe(SCHEMA_VERSION);
      expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(ws.db.pragma('foreign_key_check')).toEqual([]);
      expect(ws.samples.get(1)).toMatchObject({ id: 1, split: 'PublicTest', originalLabel: 0, label: 6, width: 48, height: 48 });
      expect(ws.votes.of(1)).toEqual([0, 0, 0, 0, 0, 0, 9, 0, 1, 0]);
      expect(ws.labels.history({ sampleId: 1, limit: 10 })).toHaveLength(1);
      expect(ws.dataset).toEqual(FER2013_DATASET);
      // Labels beyond 7 classes are now the core's to check, and sources take the IDX kind.
      ws.db.prepare('UPDATE samples SET label = 9 WHERE id = 0').run();
      ws.db.prepare("INSERT INTO sources (kind, path, fingerprint, imported_at, row_count) VALUES ('idx', '/x', 'def', 'now', 0)").run();
      // A reference to a sample that does not exist is still refused after the rebuild.
      expect(() => ws.db.prepare('INSERT INTO votes VALUES (99, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)').run()).toThrow(/FOREIGN KEY/);
      // the rebuilt table's indexes, as a new workspace has them (v8 replaced the split/label one)
      const indexes = (name: string) => ws.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").pluck().all(name);
      expect(indexes('samples')).toEqual(['samples_split_label_state', 'samples_touched']);
      // what a decision touched is read from its partial index, the counts from the covering one
      const plan = (sql: string) => (ws.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');
      expect(plan('SELECT id, excluded, kept, label, original_label FROM samples WHERE excluded = 1 OR kept = 1 OR label != original_label')).toContain('samples_touched');
      const touched = ws.samples.touched();
      expect(touched.get(0)).toMatchObject({ excluded: false, kept: false, label: 9 });
      expect(touched.size).toBe(ws.db.prepare('SELECT COUNT(*) FROM samples NOT INDEXED WHERE excluded = 1 OR kept = 1 OR label != original_label').pluck().get());
      expect(plan('SELECT split, label, SUM(excluded = 0) AS n, SUM(excluded) AS excluded, SUM(label != original_label) AS changed FROM samples GROUP BY split, label ORDER BY split, label')).toContain('COVERING INDEX samples_split_label_state');
    } finally {
      ws.close();
    }
  });

  it('a migration that would leave a broken reference is rolled back whole', () => {
    const path = tmp.path('broken.db');
    writeV5(path);
    const raw = new Database(path);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("INSERT INTO label_batches (id, reason, created_at) VALUES (2, 'manual', 'then')").run();
    raw.prepare("INSERT INTO label_events (batch_id, sample_id, field, from_value, to_value, reason, created_at) VALUES (2, 42, 'label', 0, 1, 'manual', 'then')").run();
    raw.close();
    expect(() => openDatabase(path)).toThrow(/left 1 broken reference\(s\); the workspace was not changed/);
    const after = new Database(path, { readonly: true });
    expect(schemaVersion(after)).toBe(5);
    after.close();
  });
});
