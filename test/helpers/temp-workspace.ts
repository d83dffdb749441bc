import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Split } from '../../src-common/classes.ts';
import type { Workspace } from '../../src-main/core/store/workspace.ts';

/** A fresh folder for a test's workspace file; `cleanup()` removes it. */
export function tempDir(prefix = 'fer-test-'): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Inserts synthetic samples (flat gray images) with the given labels and optional FER+ votes; ids 0..n-1. */
export function insertSyntheticSamples(ws: Workspace, labels: readonly number[], options: { split?: Split; votes?: ReadonlyArray<readonly number[]> } = {}): void {
  const db = ws.db;
  db.transaction(() => {
    const sourceId = Number(
      db.prepare("INSERT INTO sources (kind, path, fingerprint, imported_at, row_count) VALUES ('fer2013-csv', 'synthetic', ?, ?, ?)")
        .run(`synthetic-${Math.random()}`, new Date().toISOString(), labels.length).lastInsertRowid,
    );
    const insert = ws.samples.inserter(sourceId);
    const first = ws.samples.nextId();
    labels.forEach((label, i) => insert({ id: first + i, sourceRow: i, split: options.split ?? 'Training', width: 48, height: 48, pixels: new Uint8Array(2304).fill(i % 256), label }));
    const vote = db.prepare('INSERT INTO votes (sample_id, angry, disgust, fear, happy, sad, surprise, neutral, contempt, unknown, nf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    options.votes?.forEach((v, i) => vote.run(first + i, ...v));
  })();
}
