import type { FlagItem, FlagStatus, ReviewQueue, ScanConfig, ScanSummary, ScanTiming } from '../api/noise-api.ts';
import type { EngineReport } from '../api/train-api.ts';
import { join } from 'node:path';
import type { Db } from './database.ts';
import { issueKinds } from '../../../src-common/issue-kinds.ts';
import { blobFromFloats, floatsFromBlob } from './latest.ts';
import { voteColumnsSql, votesFromRow } from './vote-columns.ts';


/** Where a scan keeps its fold models (`<workspace>.scans/<scanId>/fold-<k>/`): its ensemble is a model of its own. */
export function scanFoldModelDir(workspacePath: string, scanId: number, round: number): string {
  return join(`${workspacePath}.scans`, String(scanId), `fold-${round + 1}`);
}

export interface ScoreRow {
  sampleId: number;
  fold: number;
  given: number;
  probs: ArrayLike<number>;
  loss: number;
  selfConfidence: number;
  margin: number;
  entropy: number;
  predicted: number;
  score: number;
  issue: boolean;
  suggested: number;
}

export interface ScanSummaryStats {
  scored: number;
  issues: number;
  flags: number;
  thresholds: number[];
  confidentJoint: number[][];
  noiseMatrix: number[][];
  estimatedErrors: number[][];   // calibrated joint x n: how many labels of class i are really j
  ranking: string;
  suggestion?: string;           // absent in scans made before suggestions were selectable
  timing?: ScanTiming;           // absent in scans made before their time was recorded
}

export interface PairFilter {
  given?: number;
  suggested?: number;
}

/**
 * A flag's status is derived from the sample as it is now, so undo needs no bookkeeping here:
 * excluded > relabeled (label differs from when scanned) > kept > open.
 */
export const STATUS_SQL = `CASE WHEN s.excluded = 1 THEN 'excluded' WHEN s.label != fl.given THEN 'relabeled' WHEN s.kept = 1 THEN 'kept' ELSE 'open' END`;

export interface FlagState {
  given: number;
  label: number;
  suggested: number;
  status: FlagStatus;
}

/** What a queue item reads: `fl` the flag (or the scan's score row), `s` the sample, `sc` the scores, `v` the votes. */
const ITEM_COLUMNS = `fl.sample_id AS sampleId, fl.rank, fl.score, fl.given, s.label, fl.suggested, sc.probs, sc.issue, ${STATUS_SQL} AS status, ${voteColumnsSql('v')}`;

function flagItemOf(r: Record<string, unknown>): FlagItem {
  return {
    sampleId: r.sampleId as number,
    rank: r.rank as number,
    score: r.score as number,
    given: r.given as number,
    label: r.label as number,
    suggested: r.suggested as number,
    probs: floatsFromBlob(r.probs as Buffer),
    votes: votesFromRow(r),
    status: r.status as FlagStatus,
    kinds: issueKinds({ issue: r.issue === 1, flagged: (r.rank as number) > 0, duplicateConflict: false }),
    copies: [],
  };
}

/** A queue item without what only a shown card needs (probabilities, votes, label now). */
export type QueueHead = Pick<FlagItem, 'sampleId' | 'rank' | 'score' | 'given' | 'suggested' | 'status' | 'kinds'>;

/** A scan row with how many finished rounds it keeps for a resume. */
const SCAN_ROWS = 'SELECT s.*, (SELECT COUNT(*) FROM scan_rounds r WHERE r.scan_id = s.id) AS rounds_saved FROM scans s';

export class ScanStore {
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
  }

  create(config: ScanConfig, engine: EngineReport | { pending: true }, labelVersion: number): number {
    return Number(
      this.db
        .prepare("INSERT INTO scans (status, config, engine, label_version, created_at) VALUES ('running', ?, ?, ?, ?)")
        .run(JSON.stringify(config), JSON.stringify(engine), labelVersion, new Date().toISOString()).lastInsertRowid,
    );
  }

  setEngine(scanId: number, engine: EngineReport): void {
    this.db.prepare('UPDATE scans SET engine = ? WHERE id = ?').run(JSON.stringify(engine), scanId);
  }

  /**
   * Writes every score, the flags and the summary in one transaction: a killed scan leaves no partial rows.
   * With `timing`, the summary records it with the time of this write, and the scan's duration includes it.
   */
  finish(scanId: number, scores: readonly ScoreRow[], flagged: ReadonlyArray<{ sampleId: number; rank: number }>, summary: ScanSummaryStats, seconds: number, timing?: Omit<ScanTiming, 'writing'>): void {
    const started = performance.now();
    const insertScore = this.db.prepare(
      `INSERT INTO scan_scores (scan_id, sample_id, fold, given, probs, loss, self_confidence, margin, entropy, predicted, score, issue, suggested)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFlag = this.db.prepare('INSERT INTO flags (scan_id, sample_id, rank, score, given, suggested) VALUES (?, ?, ?, ?, ?, ?)');
    const bySample = new Map(scores.map((s) => [s.sampleId, s]));
    this.db.transaction(() => {
      for (const s of scores) {
        insertScore.run(scanId, s.sampleId, s.fold, s.given, blobFromFloats(s.probs), s.loss, s.selfConfidence, s.margin, s.entropy, s.predicted, s.score, s.issue ? 1 : 0, s.suggested);
      }
      for (const f of flagged) {
        const s = bySample.get(f.sampleId)!;
        insertFlag.run(scanId, f.sampleId, f.rank, s.score, s.given, s.suggested);
      }
      const writing = (performance.now() - started) / 1000;
      const stats: ScanSummaryStats = timing ? { ...summary, timing: { ...timing, writing } } : summary;
      this.db
        .prepare("UPDATE scans SET status = 'done', summary = ?, finished_at = ?, duration_s = ? WHERE id = ?")
        .run(JSON.stringify(stats), new Date().toISOString(), seconds + (timing ? writing : 0), scanId);
      // the scores hold every probability now
      this.db.prepare('DELETE FROM scan_rounds WHERE scan_id = ?').run(scanId);
    }).immediate();
  }

  /** Keeps one finished round's held-out probabilities until the scan finishes (resume starts after it). */
  saveRound(scanId: number, round: number, probs: Float32Array): void {
    this.db.prepare('INSERT OR REPLACE INTO scan_rounds (scan_id, round, probs) VALUES (?, ?, ?)').run(scanId, round, blobFromFloats(probs));
  }

  savedRounds(scanId: number): Map<number, Float32Array> {
    const rows = this.db.prepare('SELECT round, probs FROM scan_rounds WHERE scan_id = ? ORDER BY round').all(scanId) as Array<{ round: number; probs: Buffer }>;
    return new Map(rows.map((r) => [r.round, new Float32Array(r.probs.buffer.slice(r.probs.byteOffset, r.probs.byteOffset + r.probs.byteLength))]));
  }

  /** Back to 'running' for a resumed scan; its saved rounds stay. */
  reopen(scanId: number): void {
    this.db.prepare("UPDATE scans SET status = 'running', error = NULL, finished_at = NULL WHERE id = ?").run(scanId);
  }

  end(scanId: number, status: 'failed' | 'cancelled', error: string | null, seconds: number): void {
    this.db.prepare('UPDATE scans SET status = ?, error = ?, finished_at = ?, duration_s = ? WHERE id = ?').run(status, error, new Date().toISOString(), seconds, scanId);
  }

  list(): ScanSummary[] {
    const rows = this.db.prepare(`${SCAN_ROWS} ORDER BY s.id DESC`).all() as Array<Record<string, unknown>>;
    return rows.map((r) => this.summaryOf(r));
  }

  get(scanId: number): (ScanSummary & { config: ScanConfig; stats: ScanSummaryStats | null }) | null {
    const r = this.db.prepare(`${SCAN_ROWS} WHERE s.id = ?`).get(scanId) as Record<string, unknown> | undefined;
    if (!r) return null;
    return { ...this.summaryOf(r), config: JSON.parse(r.config as string) as ScanConfig, stats: r.summary ? (JSON.parse(r.summary as string) as ScanSummaryStats) : null };
  }

  /** Flags of a scan in rank order; `pair` narrows them (and the counts) to one (given, suggested) cell. */
  reviewQueue(scanId: number, status: 'open' | 'decided' | 'all', offset: number, limit: number, pair: PairFilter = {}): ReviewQueue {
    const where = ['fl.scan_id = ?'];
    const args: number[] = [scanId];
    if (pair.given !== undefined) (where.push('fl.given = ?'), args.push(pair.given));
    if (pair.suggested !== undefined) (where.push('fl.suggested = ?'), args.push(pair.suggested));
    const scope = where.join(' AND ');
    const counts = this.db
      .prepare(`SELECT COUNT(*) AS total, SUM(${STATUS_SQL} = 'open') AS open FROM flags fl JOIN samples s ON s.id = fl.sample_id WHERE ${scope}`)
      .get(...args) as { total: number; open: number | null };
    const filter = status === 'open' ? `AND ${STATUS_SQL} = 'open'` : status === 'decided' ? `AND ${STATUS_SQL} != 'open'` : '';
    const rows = this.db
      .prepare(
        `SELECT ${ITEM_COLUMNS}
         FROM flags fl JOIN samples s ON s.id = fl.sample_id
         JOIN scan_scores sc ON sc.scan_id = fl.scan_id AND sc.sample_id = fl.sample_id
         LEFT JOIN votes v ON v.sample_id = fl.sample_id
         WHERE ${scope} ${filter} ORDER BY fl.rank LIMIT ? OFFSET ?`,
      )
      .all(...args, limit, offset) as Array<Record<string, unknown>>;
    const items = rows.map(flagItemOf);
    const open = counts.open ?? 0;
    return { scanId, total: counts.total, open, decided: counts.total - open, items };
  }

  /**
   * What the queue's cards are made of, without probabilities or votes (cheap for the whole queue): the scan's
   * flags in rank order, or these scored samples (rank 0, best score first).
   */
  queueHeads(scanId: number, which: 'flags' | readonly number[]): QueueHead[] {
    if (which !== 'flags' && which.length === 0) return [];
    const columns = `fl.sample_id AS sampleId, ${which === 'flags' ? 'fl.rank' : '0 AS rank'}, fl.score, fl.given, fl.suggested, sc.issue, ${STATUS_SQL} AS status`;
    const joins = `JOIN samples s ON s.id = fl.sample_id JOIN scan_scores sc ON sc.scan_id = fl.scan_id AND sc.sample_id = fl.sample_id`;
    const rows = (
      which === 'flags'
        ? this.db.prepare(`SELECT ${columns} FROM flags fl ${joins} WHERE fl.scan_id = ? ORDER BY fl.rank`).all(scanId)
        : this.db
            .prepare(`SELECT ${columns} FROM scan_scores fl ${joins} WHERE fl.scan_id = ? AND fl.sample_id IN (SELECT value FROM json_each(?)) ORDER BY fl.score DESC, fl.sample_id`)
            .all(scanId, JSON.stringify(which))
    ) as Array<Omit<QueueHead, 'kinds'> & { issue: number }>;
    return rows.map(({ issue, ...r }) => ({ ...r, kinds: issueKinds({ issue: issue === 1, flagged: r.rank > 0, duplicateConflict: false }) }));
  }

  /** Scored samples of a scan as full queue items (rank 0: the caller knows their place in the queue). */
  scoredItems(scanId: number, sampleIds: readonly number[]): FlagItem[] {
    if (sampleIds.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT ${ITEM_COLUMNS.replace('fl.rank', '0 AS rank')}
         FROM scan_scores fl JOIN samples s ON s.id = fl.sample_id
         JOIN scan_scores sc ON sc.scan_id = fl.scan_id AND sc.sample_id = fl.sample_id
         LEFT JOIN votes v ON v.sample_id = fl.sample_id
         WHERE fl.scan_id = ? AND fl.sample_id IN (SELECT value FROM json_each(?)) ORDER BY fl.score DESC, fl.sample_id`,
      )
      .all(scanId, JSON.stringify(sampleIds)) as Array<Record<string, unknown>>;
    return rows.map(flagItemOf);
  }

  /**
   * Per scored sample of one scan: its label when scanned and now, the suggestion, and its status now
   * (scan_scores has the flags' `given` column, so the status reads the same as in the queue).
   */
  flagStates(scanId: number, sampleIds: readonly number[]): Map<number, FlagState> {
    const stmt = this.db.prepare(
      `SELECT fl.given, s.label, fl.suggested, ${STATUS_SQL} AS status FROM scan_scores fl JOIN samples s ON s.id = fl.sample_id WHERE fl.scan_id = ? AND fl.sample_id = ?`,
    );
    const out = new Map<number, FlagState>();
    for (const id of sampleIds) {
      const r = stmt.get(scanId, id) as FlagState | undefined;
      if (r) out.set(id, r);
    }
    return out;
  }

  /** Every scored sample of a scan in rank order, with what the scores CSV and the FER+ evaluation need. */
  /** Each scored sample's label as scanned and its FER+ votes (null without), in no particular order. */
  givenAndVotes(scanId: number): Array<{ given: number; votes: number[] | null }> {
    const rows = this.db
      .prepare(`SELECT sc.given, ${voteColumnsSql('v')} FROM scan_scores sc LEFT JOIN votes v ON v.sample_id = sc.sample_id WHERE sc.scan_id = ?`)
      .all(scanId) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ given: r.given as number, votes: votesFromRow(r) }));
  }

  scoredRows(scanId: number): Array<{ sampleId: number; sourceRow: number; split: string; given: number; predicted: number; suggested: number; score: number; selfConfidence: number; margin: number; issue: number; votes: number[] | null }> {
    const rows = this.db
      .prepare(
        `SELECT sc.sample_id AS sampleId, s.source_row AS sourceRow, s.split, sc.given, sc.predicted, sc.suggested, sc.score,
                sc.self_confidence AS selfConfidence, sc.margin, sc.issue,
                ${voteColumnsSql('v')}
         FROM scan_scores sc JOIN samples s ON s.id = sc.sample_id LEFT JOIN votes v ON v.sample_id = sc.sample_id
         WHERE sc.scan_id = ? ORDER BY sc.score DESC, sc.sample_id`,
      )
      .all(scanId) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      sampleId: r.sampleId as number,
      sourceRow: r.sourceRow as number,
      split: r.split as string,
      given: r.given as number,
      predicted: r.predicted as number,
      suggested: r.suggested as number,
      score: r.score as number,
      selfConfidence: r.selfConfidence as number,
      margin: r.margin as number,
      issue: r.issue as number,
      votes: votesFromRow(r),
    }));
  }

  /** Samples a person already decided on (kept, excluded or relabeled): a new scan leaves them out of its queue. */
  decidedSampleIds(): Set<number> {
    // A label set by a benchmark's injected noise ('injected-noise') is no person's decision: it is the noise a scan
    // must find. Before this, bench noise --dataset saw all 10,800 flipped samples left out of the flags.
    const rows = this.db
      .prepare(
        `SELECT s.id FROM samples s WHERE s.kept = 1 OR s.excluded = 1 OR (s.label != s.original_label AND NOT EXISTS (
           SELECT 1 FROM label_events e JOIN label_batches b ON b.id = e.batch_id
           WHERE e.sample_id = s.id AND e.field = 'label' AND e.to_value = s.label AND b.reason = 'injected-noise' AND b.state = 'applied'))`,
      )
      .raw()
      .all() as Array<[number]>;
    return new Set(rows.map((r) => r[0]));
  }

  private summaryOf(r: Record<string, unknown>): ScanSummary {
    const config = JSON.parse(r.config as string) as ScanConfig;
    const engine = JSON.parse(r.engine as string) as Partial<EngineReport>;
    const stats = r.summary ? (JSON.parse(r.summary as string) as ScanSummaryStats) : null;
    return {
      id: r.id as number,
      status: r.status as ScanSummary['status'],
      createdAt: r.created_at as string,
      durationSeconds: (r.duration_s as number | null) ?? null,
      mode: config.mode,
      model: config.model,
      engine: engine.selected ?? 'pending',
      precision: engine.precision ?? null,
      folds: config.mode === 'quick' ? 1 : config.folds,
      epochs: config.epochs,
      split: config.split,
      limit: config.limit ?? null,
      scored: stats?.scored ?? 0,
      issues: stats?.issues ?? 0,
      flags: stats?.flags ?? 0,
      labelVersion: r.label_version as number,
      roundsSaved: r.rounds_saved as number,
      timing: stats?.timing ?? null,
      error: (r.error as string | null) ?? null,
    };
  }
}
