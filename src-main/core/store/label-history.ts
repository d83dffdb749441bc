import type { Db } from './database.ts';
import { DatasetStore } from './dataset.ts';

/** The three per-sample values a person can change. Each change is one label_events row. */
export type LabelField = 'label' | 'excluded' | 'kept';
/** 'injected-noise': a benchmark's known label flips (bench noise --dataset), never a person's decision. */
export type EditReason = 'manual' | 'bulk' | 'accepted-suggestion' | 'review' | 'injected-noise';

export interface SampleChange {
  sampleId: number;
  field: LabelField;
  value: number;
}

export interface BatchResult {
  batchId: number | null;   // null when nothing changed (every value already as asked)
  changed: number;
  labelVersion: number;
}

export interface HistoryEvent {
  id: number;
  batchId: number;
  sampleId: number;
  field: LabelField;
  from: number;
  to: number;
  reason: string;
  createdAt: string;
  undone: boolean;         // the batch was later undone (and not redone)
}

/** Label changes between two label versions, for one split (see LabelHistory.changesBetween). */
export interface LabelChanges {
  split: string;
  fromVersion: number;
  toVersion: number;
  labels: number;                                     // samples whose label differs
  pairs: Array<{ from: number; to: number; count: number }>; // by (from, to), most frequent first
  excluded: number;                                   // samples excluded in between
  included: number;                                   // exclusions cleared in between
}

/** The step undo or redo would act on next, as stored (label-steps.ts words it for a caller). */
export interface StoredStep {
  batchId: number;
  reason: string;
  actor: string | null;                               // who made it (door:client); null before schema v4
  createdAt: string;
  changes: Array<{ field: LabelField; to: number; count: number }>; // its events, by (field, new value)
}

export class UnknownSampleError extends Error {}
/** Undo or redo was asked for one step (the one a page showed) but another is next now: nothing was changed. */
export class StaleStepError extends Error {}

const FIELD_SQL: Record<LabelField, string> = { label: 'label', excluded: 'excluded', kept: 'kept' };

/**
 * Every label change goes through here: one batch per user action, one event per changed value,
 * undo/redo by walking those rows. Nothing changes a label anywhere else.
 * Each step is an IMMEDIATE transaction: it takes the write lock before its first read, so a second process
 * writing at the same time makes it wait (busy timeout) instead of failing with SQLITE_BUSY.
 */
export class LabelHistory {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  labelVersion(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(id), 0) AS v FROM label_events').get() as { v: number }).v;
  }

  /**
   * Applies changes as one undo step. Changes that set a value it already has are skipped.
   * `actor`: who makes the step (door:client), shown when someone else is about to undo it.
   */
  apply(changes: readonly SampleChange[], reason: EditReason, options: { note?: string; actor?: string } = {}): BatchResult {
    return this.db.transaction(() => {
      const now = new Date().toISOString();
      let batchId: number | null = null;
      let changed = 0;
      const classes = new DatasetStore(this.db).get().classes.length; // the schema no longer bounds labels (v6)
      for (const c of changes) {
        validateValue(c, classes);
        const from = this.currentValue(c.sampleId, c.field);
        if (from === c.value) continue;
        if (batchId === null) {
          // A new edit ends the redo chain: undone batches can no longer be redone.
          this.db.prepare("UPDATE label_batches SET state = 'dropped' WHERE state = 'undone'").run();
          batchId = Number(this.db.prepare('INSERT INTO label_batches (reason, note, created_at, actor) VALUES (?, ?, ?, ?)').run(reason, options.note ?? null, now, options.actor ?? null).lastInsertRowid);
        }
        this.write(batchId, c.sampleId, c.field, from, c.value, reason, now);
        changed++;
      }
      return { batchId, changed, labelVersion: this.labelVersion() };
    }).immediate();
  }

  /**
   * Reverts the most recent applied batch. Returns null when there is nothing to undo.
   * `expect`: the batch the caller was shown (nextStep); if another step is next by now (someone edited since),
   * throws StaleStepError and changes nothing, so no one undoes a step they did not see.
   */
  undo(options: { actor?: string; expect?: number } = {}): BatchResult | null {
    return this.db.transaction(() => {
      const target = this.db.prepare("SELECT id FROM label_batches WHERE state = 'applied' ORDER BY id DESC LIMIT 1").get() as { id: number } | undefined;
      checkExpected('undo', target?.id, options.expect);
      if (!target) return null;
      const events = this.eventsOf(target.id).reverse();
      const now = new Date().toISOString();
      const seq = (this.db.prepare('SELECT COALESCE(MAX(undo_seq), 0) + 1 AS s FROM label_batches').get() as { s: number }).s;
      const batchId = Number(this.db.prepare("INSERT INTO label_batches (reason, created_at, state, target_batch, actor) VALUES ('undo', ?, 'meta', ?, ?)").run(now, target.id, options.actor ?? null).lastInsertRowid);
      for (const e of events) this.write(batchId, e.sampleId, e.field, this.currentValue(e.sampleId, e.field), e.from, 'undo', now);
      this.db.prepare("UPDATE label_batches SET state = 'undone', undo_seq = ? WHERE id = ?").run(seq, target.id);
      return { batchId, changed: events.length, labelVersion: this.labelVersion() };
    }).immediate();
  }

  /** Re-applies the most recently undone batch, if no new edit came since. `expect` as for undo. */
  redo(options: { actor?: string; expect?: number } = {}): BatchResult | null {
    return this.db.transaction(() => {
      const target = this.db.prepare("SELECT id FROM label_batches WHERE state = 'undone' ORDER BY undo_seq DESC LIMIT 1").get() as { id: number } | undefined;
      checkExpected('redo', target?.id, options.expect);
      if (!target) return null;
      const events = this.eventsOf(target.id);
      const now = new Date().toISOString();
      const batchId = Number(this.db.prepare("INSERT INTO label_batches (reason, created_at, state, target_batch, actor) VALUES ('redo', ?, 'meta', ?, ?)").run(now, target.id, options.actor ?? null).lastInsertRowid);
      for (const e of events) this.write(batchId, e.sampleId, e.field, this.currentValue(e.sampleId, e.field), e.to, 'redo', now);
      this.db.prepare("UPDATE label_batches SET state = 'applied', undo_seq = NULL WHERE id = ?").run(target.id);
      return { batchId, changed: events.length, labelVersion: this.labelVersion() };
    }).immediate();
  }

  canUndo(): boolean {
    return this.db.prepare("SELECT 1 FROM label_batches WHERE state = 'applied' LIMIT 1").get() !== undefined;
  }

  canRedo(): boolean {
    return this.db.prepare("SELECT 1 FROM label_batches WHERE state = 'undone' LIMIT 1").get() !== undefined;
  }

  /** The step undo (or redo) would act on now, with who made it and what it changed; null when there is none. */
  nextStep(which: 'undo' | 'redo'): StoredStep | null {
    const sql =
      which === 'undo'
        ? "SELECT id, reason, actor, created_at AS createdAt FROM label_batches WHERE state = 'applied' ORDER BY id DESC LIMIT 1"
        : "SELECT id, reason, actor, created_at AS createdAt FROM label_batches WHERE state = 'undone' ORDER BY undo_seq DESC LIMIT 1";
    const b = this.db.prepare(sql).get() as { id: number; reason: string; actor: string | null; createdAt: string } | undefined;
    if (!b) return null;
    const changes = this.db
      .prepare('SELECT field, to_value AS "to", COUNT(*) AS count FROM label_events WHERE batch_id = ? GROUP BY field, to_value ORDER BY field, to_value')
      .all(b.id) as StoredStep['changes'];
    return { batchId: b.id, reason: b.reason, actor: b.actor, createdAt: b.createdAt, changes };
  }

  /** Events newest first, for one sample or the whole workspace. */
  history(options: { sampleId?: number; limit?: number } = {}): HistoryEvent[] {
    const where = options.sampleId === undefined ? '' : 'WHERE e.sample_id = @sampleId';
    const rows = this.db
      .prepare(
        `SELECT e.id, e.batch_id AS batchId, e.sample_id AS sampleId, e.field, e.from_value AS "from", e.to_value AS "to",
                e.reason, e.created_at AS createdAt, (b.state = 'undone' OR b.state = 'dropped') AS undone
         FROM label_events e JOIN label_batches b ON b.id = e.batch_id ${where}
         ORDER BY e.id DESC LIMIT @limit`,
      )
      .all({ sampleId: options.sampleId, limit: options.limit ?? 1000 }) as Array<Omit<HistoryEvent, 'undone'> & { undone: number }>;
    return rows.map((r) => ({ ...r, undone: r.undone === 1 }));
  }

  /**
   * What changed between two label versions (lo < hi), for samples of one split: label changes by
   * (from, to) pair, and exclusions set or cleared. A sample's value at version v is the `from` of its first
   * event after v (events are never rewritten), so no snapshot is needed.
   */
  changesBetween(lo: number, hi: number, split: string): LabelChanges {
    const valueAt = (field: LabelField) =>
      this.db
        .prepare(
          `SELECT (SELECT e2.from_value FROM label_events e2 WHERE e2.sample_id = e.sample_id AND e2.field = @field AND e2.id > @lo ORDER BY e2.id LIMIT 1) AS "from",
                  (SELECT e3.to_value FROM label_events e3 WHERE e3.sample_id = e.sample_id AND e3.field = @field AND e3.id <= @hi ORDER BY e3.id DESC LIMIT 1) AS "to"
           FROM (SELECT DISTINCT sample_id FROM label_events WHERE field = @field AND id > @lo AND id <= @hi) e
           JOIN samples s ON s.id = e.sample_id WHERE s.split = @split`,
        )
        .all({ field, lo, hi, split }) as Array<{ from: number; to: number }>;
    const pairs = new Map<string, { from: number; to: number; count: number }>();
    let labels = 0;
    for (const c of valueAt('label')) {
      if (c.from === c.to) continue;
      labels++;
      const key = `${c.from}>${c.to}`;
      const p = pairs.get(key);
      if (p) p.count++;
      else pairs.set(key, { ...c, count: 1 });
    }
    const excluded = valueAt('excluded').filter((c) => c.from !== c.to);
    return {
      split,
      fromVersion: lo,
      toVersion: hi,
      labels,
      pairs: [...pairs.values()].sort((a, b) => b.count - a.count || a.from - b.from || a.to - b.to),
      excluded: excluded.filter((c) => c.to === 1).length,
      included: excluded.filter((c) => c.to === 0).length,
    };
  }

  private eventsOf(batchId: number): Array<{ sampleId: number; field: LabelField; from: number; to: number }> {
    return this.db
      .prepare('SELECT sample_id AS sampleId, field, from_value AS "from", to_value AS "to" FROM label_events WHERE batch_id = ? ORDER BY id')
      .all(batchId) as Array<{ sampleId: number; field: LabelField; from: number; to: number }>;
  }

  private currentValue(sampleId: number, field: LabelField): number {
    const row = this.db.prepare(`SELECT ${FIELD_SQL[field]} AS v FROM samples WHERE id = ?`).get(sampleId) as { v: number } | undefined;
    if (!row) throw new UnknownSampleError(`No sample with id ${sampleId} in this workspace.`);
    return row.v;
  }

  private write(batchId: number, sampleId: number, field: LabelField, from: number, to: number, reason: string, now: string): void {
    this.db.prepare(`UPDATE samples SET ${FIELD_SQL[field]} = ? WHERE id = ?`).run(to, sampleId);
    this.db
      .prepare('INSERT INTO label_events (batch_id, sample_id, field, from_value, to_value, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(batchId, sampleId, field, from, to, reason, now);
  }
}

function checkExpected(which: 'undo' | 'redo', next: number | undefined, expect: number | undefined): void {
  if (expect === undefined || next === expect) return;
  throw new StaleStepError(
    next === undefined
      ? `Nothing to ${which} any more: the step you saw was ${which === 'undo' ? 'undone' : 'redone or dropped'} elsewhere (another window or the CLI).`
      : `The step to ${which} changed since you looked (another window or the CLI made one): nothing was ${which === 'undo' ? 'undone' : 'redone'}. Look at the new one and ${which} again.`,
  );
}

function validateValue(c: SampleChange, classes: number): void {
  const ok = c.field === 'label' ? Number.isInteger(c.value) && c.value >= 0 && c.value < classes : c.value === 0 || c.value === 1;
  if (!ok) throw new RangeError(`Invalid ${c.field} value ${c.value} for sample ${c.sampleId}.`);
}
