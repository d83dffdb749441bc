/**
 * Training runs: the run row (config, engine, label version, status, final metrics, checkpoint),
 * one row per finished epoch (each its own small transaction), and at the end, in ONE transaction,
 * the predictions of the validation and test splits and the misclassification triplets.
 */
import { join } from 'node:path';
import type { EpochMetrics } from '../api/events.ts';
import type { EngineReport, EvaluationMetrics, FerPlusEvaluation, RunDetail, RunSummary, TrainConfig, Triplet } from '../api/train-api.ts';
import { NUM_CLASSES } from '../../../src-common/classes.ts';
import { evaluateOnMajority } from '../ml/evaluate-majority.ts';
import type { Db } from './database.ts';
import { blobFromFloats, floatsFromBlob } from './latest.ts';
import { VoteStore } from './votes.ts';

export interface RunMetrics {
  validation: EvaluationMetrics | null;
  test: EvaluationMetrics | null;
  bestEpoch: number;
}

export interface PredictionRow {
  sampleId: number;
  predicted: number;
  probs: ArrayLike<number>;
  loss: number;
}

interface RunRow {
  id: number;
  kind: string;
  status: RunSummary['status'];
  config: string;
  engine: string;
  label_version: number;
  created_at: string;
  finished_at: string | null;
  duration_s: number | null;
  metrics: string | null;
  checkpoint: string | null;
  error: string | null;
  epochs: number;
}

/** Where a workspace keeps its checkpoints: `<workspace>.runs/<runId>/`. */
export function runsDir(workspacePath: string): string {
  return `${workspacePath}.runs`;
}

export function runDir(workspacePath: string, runId: number): string {
  return join(runsDir(workspacePath), String(runId));
}

/** A finished run's final model (best epoch's weights, with its normalization): what fine-tuning starts from. */
export function runModelDir(workspacePath: string, runId: number): string {
  return join(runDir(workspacePath, runId), 'model');
}

export class RunStore {
  private readonly votes: VoteStore;
  /** FER+ evaluations by run, valid while the run's finish time and the vote count stay the same. */
  private readonly ferPlusCache = new Map<number, { key: string; value: FerPlusEvaluation }>();

  constructor(private readonly db: Db) {
    this.votes = new VoteStore(db);
  }

  /** kind: 'train', or 'ensemble' for a scan's fold models evaluated as a run (nothing trained). */
  create(config: TrainConfig, labelVersion: number, engine: EngineReport | { pending: true } = { pending: true }, kind: 'train' | 'ensemble' = 'train'): number {
    return Number(
      this.db
        .prepare("INSERT INTO runs (kind, status, config, engine, label_version, created_at) VALUES (?, 'running', ?, ?, ?, ?)")
        .run(kind, JSON.stringify(config), JSON.stringify(engine), labelVersion, new Date().toISOString()).lastInsertRowid,
    );
  }

  setEngine(runId: number, engine: EngineReport): void {
    this.db.prepare('UPDATE runs SET engine = ? WHERE id = ?').run(JSON.stringify(engine), runId);
  }

  setCheckpoint(runId: number, dir: string): void {
    this.db.prepare('UPDATE runs SET checkpoint = ? WHERE id = ?').run(dir, runId);
  }

  /** One finished epoch; replaces the row when a resumed run trains that epoch again. */
  addEpoch(runId: number, m: EpochMetrics): void {
    this.db.prepare('INSERT OR REPLACE INTO run_epochs (run_id, epoch, metrics) VALUES (?, ?, ?)').run(runId, m.epoch, JSON.stringify(m));
  }

  /** The end of a successful run: predictions, triplets, metrics and status, all or nothing. */
  finish(runId: number, r: { metrics: RunMetrics; predictions: readonly PredictionRow[]; triplets: readonly Triplet[]; checkpoint: string | null; seconds: number }): void {
    const insertPrediction = this.db.prepare('INSERT OR REPLACE INTO predictions (run_id, sample_id, predicted, probs, loss) VALUES (?, ?, ?, ?, ?)');
    const insertTriplet = this.db.prepare(
      'INSERT OR REPLACE INTO triplets (run_id, true_label, predicted_label, sample_id, predicted_example_id, true_example_id, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM predictions WHERE run_id = ?').run(runId);
      this.db.prepare('DELETE FROM triplets WHERE run_id = ?').run(runId);
      for (const p of r.predictions) insertPrediction.run(runId, p.sampleId, p.predicted, blobFromFloats(p.probs), p.loss);
      for (const t of r.triplets) insertTriplet.run(runId, t.trueLabel, t.predictedLabel, t.sampleId, t.predictedExampleId, t.trueExampleId, t.confidence);
      this.db
        .prepare("UPDATE runs SET status = 'done', metrics = ?, checkpoint = ?, finished_at = ?, duration_s = ?, error = NULL WHERE id = ?")
        .run(JSON.stringify(r.metrics), r.checkpoint, new Date().toISOString(), r.seconds, runId);
    }).immediate();
  }

  end(runId: number, status: 'failed' | 'cancelled', error: string | null, seconds: number | null): void {
    this.db.prepare('UPDATE runs SET status = ?, error = ?, finished_at = ?, duration_s = ? WHERE id = ?').run(status, error, new Date().toISOString(), seconds, runId);
  }

  /** Back to 'running' for a resumed run (its epochs and checkpoint stay), with the config it resumes under. */
  reopen(runId: number, config: TrainConfig): void {
    this.db.prepare("UPDATE runs SET status = 'running', config = ?, error = NULL, finished_at = NULL WHERE id = ?").run(JSON.stringify(config), runId);
  }

  list(): RunSummary[] {
    const voteCount = this.votes.count();
    return (this.db.prepare(`${SELECT_RUN} ORDER BY r.id DESC`).all() as RunRow[]).map((row) => this.summary(row, voteCount));
  }

  /** Finished runs, newest first, with their model, engine and mean training speed: all a time estimate needs. */
  finishedSpeeds(): Array<{ id: number; model: string; engine: string; imagesPerSecond: number | null }> {
    return this.db
      .prepare(
        `SELECT r.id, json_extract(r.config, '$.model') AS model, json_extract(r.engine, '$.selected') AS engine,
           (SELECT AVG(json_extract(e.metrics, '$.imagesPerSecond')) FROM run_epochs e WHERE e.run_id = r.id) AS imagesPerSecond
         FROM runs r WHERE r.status = 'done' ORDER BY r.id DESC`,
      )
      .all() as Array<{ id: number; model: string; engine: string; imagesPerSecond: number | null }>;
  }

  get(id: number): RunDetail | null {
    const row = this.db.prepare(`${SELECT_RUN} WHERE r.id = ?`).get(id) as RunRow | undefined;
    if (!row) return null;
    const metrics = row.metrics ? (JSON.parse(row.metrics) as RunMetrics) : null;
    const history = (this.db.prepare('SELECT metrics FROM run_epochs WHERE run_id = ? ORDER BY epoch').all(id) as Array<{ metrics: string }>).map((r) => JSON.parse(r.metrics) as EpochMetrics);
    const ferPlus = this.ferPlus(row, this.votes.count());
    return {
      ...this.summary(row, ferPlus),
      config: JSON.parse(row.config) as TrainConfig,
      engineReport: JSON.parse(row.engine) as RunDetail['engineReport'],
      history,
      validation: metrics?.validation ?? null,
      test: metrics?.test ?? null,
      ferPlus,
    };
  }

  private summary(row: RunRow, ferPlusOrVoteCount: FerPlusEvaluation | number): RunSummary {
    const ferPlus = typeof ferPlusOrVoteCount === 'number' ? this.ferPlus(row, ferPlusOrVoteCount) : ferPlusOrVoteCount;
    return {
      ...toSummary(row),
      valAccuracyFerPlus: ferPlus.available ? (ferPlus.validation?.accuracy ?? null) : null,
      testAccuracyFerPlus: ferPlus.available ? (ferPlus.test?.accuracy ?? null) : null,
    };
  }

  /**
   * The run's validation and test predictions scored against the FER+ majority. Computed from the stored
   * predictions, so it also covers runs trained before the votes were imported.
   */
  private ferPlus(row: RunRow, voteCount: number): FerPlusEvaluation {
    if (voteCount === 0) return { available: false, reason: 'No FER+ votes in this workspace: import fer2013new.csv (`fer-studio import … --votes fer2013new.csv`) to evaluate against the FER+ majority.' };
    if (row.status !== 'done') return { available: false, reason: `Run ${row.id} has not finished: nothing was evaluated yet.` };
    const key = `${row.finished_at}|${voteCount}`;
    const cached = this.ferPlusCache.get(row.id);
    if (cached?.key === key) return cached.value;
    const config = JSON.parse(row.config) as Partial<TrainConfig>;
    const bySplit = this.predictionsBySplit(row.id);
    const score = (split: string | undefined) => {
      const p = split === undefined ? undefined : bySplit.get(split);
      return p ? evaluateOnMajority(split!, p.probs, this.votes.majorities(p.ids)) : null;
    };
    const value: FerPlusEvaluation = { available: true, validation: score(config.valSplit), test: score(config.testSplit) };
    this.ferPlusCache.set(row.id, { key, value });
    return value;
  }

  /** The class each stored prediction of a run picked for the samples of one split, by sample id. */
  predictedClasses(runId: number, split: string): Map<number, number> {
    const rows = this.db
      .prepare('SELECT p.sample_id, p.predicted FROM predictions p JOIN samples s ON s.id = p.sample_id WHERE p.run_id = ? AND s.split = ?')
      .raw()
      .all(runId, split) as Array<[number, number]>;
    return new Map(rows);
  }

  /** A run's stored predictions, grouped by the split of their samples. */
  private predictionsBySplit(runId: number): Map<string, { ids: number[]; probs: Float32Array }> {
    const rows = this.db
      .prepare('SELECT p.sample_id AS id, s.split, p.probs FROM predictions p JOIN samples s ON s.id = p.sample_id WHERE p.run_id = ? ORDER BY p.sample_id')
      .all(runId) as Array<{ id: number; split: string; probs: Buffer }>;
    const groups = new Map<string, Array<{ id: number; probs: Buffer }>>();
    for (const r of rows) {
      const g = groups.get(r.split);
      if (g) g.push(r);
      else groups.set(r.split, [r]);
    }
    return new Map(
      [...groups].map(([split, g]) => {
        const rows = g.map((r) => floatsFromBlob(r.probs));
        const K = rows[0]?.length ?? 0; // every row of a run has its dataset's class count
        const probs = new Float32Array(g.length * K);
        rows.forEach((p, i) => probs.set(p, i * K));
        return [split, { ids: g.map((r) => r.id), probs }];
      }),
    );
  }

  triplets(runId: number, filter: { trueLabel?: number; predictedLabel?: number; limit: number }): Triplet[] {
    const where = ['run_id = @runId'];
    if (filter.trueLabel !== undefined) where.push('true_label = @trueLabel');
    if (filter.predictedLabel !== undefined) where.push('predicted_label = @predictedLabel');
    return this.db
      .prepare(
        `SELECT true_label AS trueLabel, predicted_label AS predictedLabel, sample_id AS sampleId, predicted_example_id AS predictedExampleId,
                true_example_id AS trueExampleId, confidence FROM triplets WHERE ${where.join(' AND ')} ORDER BY confidence DESC, sample_id LIMIT @limit`,
      )
      .all({ runId, trueLabel: filter.trueLabel, predictedLabel: filter.predictedLabel, limit: filter.limit }) as Triplet[];
  }

  /**
   * Samples of one confusion cell, most confident first. Confusion is over the labels the run trained on:
   * the label a sample had at the run's label version is its label now unless it changed since.
   */
  confusionSamples(runId: number, split: string, trueLabel: number, predictedLabel: number, limit: number): number[] {
    const labelVersion = (this.db.prepare('SELECT label_version AS v FROM runs WHERE id = ?').get(runId) as { v: number }).v;
    const rows = this.db
      .prepare(
        `SELECT p.sample_id AS id FROM predictions p JOIN samples s ON s.id = p.sample_id
         WHERE p.run_id = @runId AND s.split = @split AND p.predicted = @predictedLabel
           AND COALESCE((SELECT e.from_value FROM label_events e WHERE e.sample_id = p.sample_id AND e.field = 'label' AND e.id > @labelVersion ORDER BY e.id LIMIT 1), s.label) = @trueLabel
         ORDER BY p.loss ${trueLabel === predictedLabel ? 'ASC' : 'DESC'}, p.sample_id LIMIT @limit`,
      )
      .all({ runId, split, trueLabel, predictedLabel, labelVersion, limit }) as Array<{ id: number }>;
    return rows.map((r) => r.id);
  }
}

const SELECT_RUN = `SELECT r.id, r.kind, r.status, r.config, r.engine, r.label_version, r.created_at, r.finished_at, r.duration_s, r.metrics, r.checkpoint, r.error,
  (SELECT COUNT(*) FROM run_epochs e WHERE e.run_id = r.id) AS epochs FROM runs r`;

function toSummary(r: RunRow): Omit<RunSummary, 'valAccuracyFerPlus' | 'testAccuracyFerPlus'> {
  const config = JSON.parse(r.config) as Partial<TrainConfig>;
  const engine = JSON.parse(r.engine) as Partial<EngineReport>;
  const metrics = r.metrics ? (JSON.parse(r.metrics) as RunMetrics) : null;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    model: config.model ?? '?',
    engine: engine.selected ?? 'pending',
    labelVersion: r.label_version,
    createdAt: r.created_at,
    durationSeconds: r.duration_s,
    epochs: r.epochs,
    valAccuracy: metrics?.validation?.accuracy ?? null,
    testAccuracy: metrics?.test?.accuracy ?? null,
    error: r.error,
  };
}
