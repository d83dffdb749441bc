import type { Db } from './database.ts';
import type { Split } from '../../../src-common/classes.ts';

export interface SampleRow {
  id: number;
  sourceId: number;
  sourceRow: number;
  sourceRef: string | null;
  split: Split;
  width: number;
  height: number;
  originalLabel: number;
  label: number;
  excluded: boolean;
  kept: boolean;
}

export interface NewSample {
  id?: number;
  sourceRow: number;
  sourceRef?: string | null;
  split: Split;
  width: number;
  height: number;
  pixels: Uint8Array;
  label: number;
}

const SELECT_ROW = `SELECT id, source_id AS sourceId, source_row AS sourceRow, source_ref AS sourceRef, split, width, height,
  original_label AS originalLabel, label, excluded, kept FROM samples`;

function toRow(r: Record<string, unknown>): SampleRow {
  return { ...(r as unknown as SampleRow), excluded: r.excluded === 1, kept: r.kept === 1 };
}

/** Read access to samples and their pixels. Label changes go through LabelHistory, never here. */
/** What decisions set on a sample. */
export interface TouchedSample {
  excluded: boolean;
  kept: boolean;
  label: number;
  originalLabel: number;
}

export class SampleStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM samples').get() as { n: number }).n;
  }

  excludedCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM samples WHERE excluded = 1').get() as { n: number }).n;
  }

  get(id: number): SampleRow | null {
    const r = this.db.prepare(`${SELECT_ROW} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    return r ? toRow(r) : null;
  }

  /** The current label of each of `ids` that exists, in one query (a review page's look-alikes). */
  labelsOf(ids: readonly number[]): Map<number, number> {
    return this.columnOf(ids, 'label');
  }

  /** The label each of `ids` was imported with. */
  originalLabelsOf(ids: readonly number[]): Map<number, number> {
    return this.columnOf(ids, 'original_label');
  }

  private columnOf(ids: readonly number[], column: 'label' | 'original_label'): Map<number, number> {
    const out = new Map<number, number>();
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += 900) { // SQLite's default limit is 999 bound parameters
      const chunk = unique.slice(start, start + 900);
      const rows = this.db.prepare(`SELECT id, ${column} FROM samples WHERE id IN (${chunk.map(() => '?').join(',')})`).raw().all(...chunk) as Array<[number, number]>;
      for (const [id, value] of rows) out.set(id, value);
    }
    return out;
  }

  pixels(id: number): { width: number; height: number; pixels: Uint8Array } | null {
    const r = this.db.prepare('SELECT width, height, pixels FROM samples WHERE id = ?').get(id) as { width: number; height: number; pixels: Buffer } | undefined;
    return r ? { width: r.width, height: r.height, pixels: new Uint8Array(r.pixels.buffer, r.pixels.byteOffset, r.pixels.byteLength) } : null;
  }

  /** Rows in id order, optionally one split; for training and export. Iterates so 35k BLOBs never sit in memory twice. */
  *iterate(options: { split?: Split; includeExcluded?: boolean; withPixels?: boolean } = {}): Generator<SampleRow & { pixels?: Uint8Array }> {
    const where: string[] = [];
    if (options.split) where.push('split = @split');
    if (!options.includeExcluded) where.push('excluded = 0');
    const cols = options.withPixels ? ', pixels' : '';
    const sql = `${SELECT_ROW.replace(' FROM samples', `${cols} FROM samples`)} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`;
    for (const r of this.db.prepare(sql).iterate({ split: options.split }) as Iterable<Record<string, unknown>>) {
      const row = toRow(r) as SampleRow & { pixels?: Uint8Array };
      if (options.withPixels) {
        const b = r.pixels as Buffer;
        row.pixels = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      }
      yield row;
    }
  }

  /**
   * Counts per split and current label: kept in (n), excluded, and carrying a label other than their original one
   * (changed, excluded or not). One pass over an index (samples_split_label_state), not over the rows.
   */
  countsBySplitAndLabel(): Array<{ split: Split; label: number; n: number; excluded: number; changed: number }> {
    return this.db
      .prepare('SELECT split, label, SUM(excluded = 0) AS n, SUM(excluded) AS excluded, SUM(label != original_label) AS changed FROM samples GROUP BY split, label ORDER BY split, label')
      .all() as Array<{ split: Split; label: number; n: number; excluded: number; changed: number }>;
  }

  /**
   * The samples a decision has touched (excluded, kept, or carrying a label other than their original one), with
   * those fields; every other sample is as imported. Read from the partial index samples_touched (v8), not a pass over
   * every sample: what the review queue's statuses need on each page.
   */
  touched(): Map<number, TouchedSample> {
    const rows = this.db
      .prepare('SELECT id, excluded, kept, label, original_label FROM samples WHERE excluded = 1 OR kept = 1 OR label != original_label')
      .raw()
      .all() as Array<[number, number, number, number, number]>;
    return new Map(rows.map(([id, excluded, kept, label, originalLabel]) => [id, { excluded: excluded === 1, kept: kept === 1, label, originalLabel }]));
  }

  nextId(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(id) + 1, 0) AS n FROM samples').get() as { n: number }).n;
  }

  /** Inserts samples of one source; the caller wraps it in the import's transaction. */
  inserter(sourceId: number): (s: NewSample) => number {
    const stmt = this.db.prepare(
      `INSERT INTO samples (id, source_id, source_row, source_ref, split, width, height, pixels, original_label, label)
       VALUES (@id, @sourceId, @sourceRow, @sourceRef, @split, @width, @height, @pixels, @label, @label)`,
    );
    return (s) =>
      Number(
        stmt.run({ id: s.id ?? null, sourceId, sourceRow: s.sourceRow, sourceRef: s.sourceRef ?? null, split: s.split, width: s.width, height: s.height, pixels: s.pixels, label: s.label })
          .lastInsertRowid,
      );
  }
}
